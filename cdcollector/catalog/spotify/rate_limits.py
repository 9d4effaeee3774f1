"""When Spotify may be asked again after a 429: a retry plan, and a gate that fails fast."""

from __future__ import annotations

import email.utils
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cdcollector.domain.errors import RateLimitedError

DEFAULT_RETRY_AFTER_S = 60.0  # when a 429 carries no usable Retry-After header
# A 429 without Retry-After (Spotify's QUOTA_EXCEEDED) gets our own wait: the first one
# DEFAULT_RETRY_AFTER_S, doubling while they keep coming, at most BACKOFF_MAX_S.
BACKOFF_MAX_S = 3600.0


def parse_retry_after(value: str | None, now_wall: float | None = None) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if value is None or not str(value).strip():
        return DEFAULT_RETRY_AFTER_S
    text = str(value).strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER_S
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = time.time() if now_wall is None else now_wall
    return max(0.0, when.timestamp() - now)


def wait_message(retry_after_s: float) -> str:
    """The one line the UI shows: "Spotify asks us to wait N min"."""
    minutes = max(1, math.ceil(retry_after_s / 60))
    text = f"Spotify asks us to wait {minutes} min"
    if minutes >= 120:
        text += f" (about {round(minutes / 60)} h)"
    return text + "."


def quota_message(retry_after_s: float) -> str:
    minutes = max(1, math.ceil(retry_after_s / 60))
    return (f"Spotify says this app's request quota is used up for now; CD-Collector tries "
            f"again in {minutes} min.")


def rate_limited(retry_after_s: float, quota: bool = False) -> RateLimitedError:
    message = quota_message(retry_after_s) if quota else wait_message(retry_after_s)
    return RateLimitedError(message, retry_after_s)


@dataclass(frozen=True)
class RetryPlan:
    """When a paused call may run again; services schedule their retry from this."""

    retry_after_s: float
    not_before_monotonic: float
    not_before_wall: datetime
    message: str

    @classmethod
    def from_error(
        cls, err: RateLimitedError, *, now_monotonic: float | None = None,
        now_wall: float | None = None,
    ) -> RetryPlan:
        mono = time.monotonic() if now_monotonic is None else now_monotonic
        wall = time.time() if now_wall is None else now_wall
        wait = max(0.0, float(err.retry_after_s))
        return cls(
            retry_after_s=wait,
            not_before_monotonic=mono + wait,
            not_before_wall=datetime.fromtimestamp(wall, tz=UTC) + timedelta(seconds=wait),
            message=str(err),
        )

    def delay_s(self, now_monotonic: float | None = None) -> float:
        """Seconds still to wait (0 when the call may run now)."""
        mono = time.monotonic() if now_monotonic is None else now_monotonic
        return max(0.0, self.not_before_monotonic - mono)

    def due(self, now_monotonic: float | None = None) -> bool:
        return self.delay_s(now_monotonic) <= 0


class RateLimitGate:
    """Shared by all calls of one client: after a 429 every call fails fast until the wait ends.

    Spotify extends the penalty when an app keeps calling during the wait, so calls made
    before `not_before` never reach the network.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._plan: RetryPlan | None = None
        self._strikes = 0  # 429s without Retry-After since the last answered call

    def note(self, err: RateLimitedError) -> RetryPlan:
        plan = RetryPlan.from_error(err, now_monotonic=self._clock())
        with self._lock:
            if self._plan is None or plan.not_before_monotonic > self._plan.not_before_monotonic:
                self._plan = plan
            return self._plan

    def backoff(self, quota: bool) -> RateLimitedError:
        """A 429 that names no wait: wait our own, twice as long as after the previous one."""
        with self._lock:
            wait = min(DEFAULT_RETRY_AFTER_S * 2 ** min(self._strikes, 16), BACKOFF_MAX_S)
            self._strikes += 1
        err = rate_limited(wait, quota)
        self.note(err)
        return err

    def answered(self) -> None:
        """Spotify answered a call: the next 429 without Retry-After starts the backoff anew."""
        with self._lock:
            self._strikes = 0

    def plan(self) -> RetryPlan | None:
        """The pending wait, or None when calls may be made."""
        with self._lock:
            if self._plan is not None and self._plan.due(self._clock()):
                self._plan = None
            return self._plan

    def check(self) -> None:
        """Raise RateLimitedError with the remaining wait while a wait is pending."""
        plan = self.plan()
        if plan is not None:
            raise rate_limited(plan.delay_s(self._clock()))

    def clear(self) -> None:
        with self._lock:
            self._plan = None
