"""Maps a burner program's error lines to one clear, user-facing error."""

from __future__ import annotations

from collections.abc import Sequence

from cdcollector.domain.errors import BurnError, NoDriveError

# (text found in the output, error class, what the user is told); first match wins
FailureTable = Sequence[tuple[str, type[BurnError], str]]
_NOISY = ("Permission denied", "Device or resource busy")


def match_failure(lines: Sequence[str], table: FailureTable) -> BurnError | None:
    for needle, kind, message in table:
        for line in lines:
            if needle not in line:
                continue
            # "Permission denied. WARNING: Cannot set priority…" is noise even in a failed run
            if needle in _NOISY and "WARNING" in line.upper():
                continue
            return kind(message)
    return None


def fallback_failure(tool: str, returncode: int, lines: Sequence[str],
                     past_point_of_no_return: bool) -> BurnError:
    """An exit nobody recognised: say what the program said last, and whether the disc suffered."""
    lost = " The disc is probably unusable." if past_point_of_no_return else ""
    if returncode < 0:
        return BurnError(f"{tool} stopped unexpectedly (killed by signal {-returncode}).{lost}")
    last = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
    detail = f": {last}" if last else "."
    if detail != "." and not detail.endswith("."):
        detail += "."
    return BurnError(f"{tool} failed (exit status {returncode}){detail}{lost}")


def raise_access_problem(failure: BurnError) -> None:
    """No drive listed: "not found" is an answer, but a denied or busy drive must be said."""
    if not isinstance(failure, NoDriveError):
        raise failure
