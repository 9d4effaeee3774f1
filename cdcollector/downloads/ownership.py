"""Who runs a download job: a per-engine owner id, its lease, and whether an owner is gone."""

from __future__ import annotations

import os
import socket
import uuid
from datetime import UTC, datetime, timedelta

LEASE = timedelta(seconds=60)
RENEW_EVERY_S = LEASE.total_seconds() / 4


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_owner_id() -> str:
    """host/pid/nonce: unique per engine, and tells a process on this host whether it lives."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:12]}"


def owner_gone(owner: str) -> bool:
    """True only when `owner` is certainly not running: a process of this host that has
    exited. Otherwise (another host, this very process) only its lease can tell."""
    host, _, rest = owner.partition("/")
    pid_text, _, _ = rest.partition("/")
    if host != socket.gethostname() or not pid_text.isascii() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    return pid != os.getpid() and os.name == "posix" and not _pid_exists(pid)


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only asks; POSIX only (on Windows os.kill terminates)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True
