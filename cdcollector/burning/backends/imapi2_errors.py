"""IMAPI2 HRESULTs (and the COM errors that carry them) as clear, user-facing errors."""

from __future__ import annotations

from cdcollector.domain.errors import BurnError, CancelledError, CollectorError, MediaError

E_IMAPI_REQUEST_CANCELLED = 0xC0AA0002
E_IMAPI_RECORDER_NO_SUCH_MEDIA = 0xC0AA0202
E_IMAPI_RECORDER_LOCKED = 0xC0AA0210
E_IMAPI_LOSS_OF_STREAMING = 0xC0AA0300
E_IMAPI_DF2TAO_MEDIA_NOT_PREPARED = 0xC0AA0502
E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED = 0xC0AA0508
E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE = 0xC0AA0509

NOT_FIT = ("The tracks do not fit on this disc. Use a larger disc or split the playlist over "
           "several discs.")
_MESSAGES: dict[int, tuple[type[CollectorError], str]] = {
    E_IMAPI_DF2TAO_MEDIA_NOT_PREPARED: (
        BurnError, "The disc was not prepared for writing. Take it out, put it back and retry."),
    E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED: (
        MediaError, "Too many tracks for this disc (a CD holds at most 99)."),
    E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE: (MediaError, NOT_FIT),
    E_IMAPI_RECORDER_NO_SUCH_MEDIA: (
        MediaError, "There is no disc in the burner. Insert a blank CD-R."),
    E_IMAPI_LOSS_OF_STREAMING: (
        BurnError, "The burn failed with a buffer underrun (the drive ran out of data). The "
                   "disc is probably unusable; try again at a lower speed."),
    E_IMAPI_RECORDER_LOCKED: (
        BurnError, "The burner is in use by another program. Close that program and retry."),
}


def hresult_of(exc: BaseException) -> int | None:
    """The HRESULT of a comtypes COMError or pywin32 com_error, as an unsigned 32-bit value."""
    args = getattr(exc, "args", ())
    # pywin32 puts the IMAPI code in the EXCEPINFO's scode when the call failed via IDispatch
    if len(args) > 2 and isinstance(args[2], tuple) and len(args[2]) > 5:
        scode = args[2][5]
        if isinstance(scode, int) and scode:
            return scode & 0xFFFFFFFF
    value = getattr(exc, "hresult", None)
    if value is None and args and isinstance(args[0], int):
        value = args[0]
    return None if value is None else int(value) & 0xFFFFFFFF


def error_for_hresult(hresult: int, late: bool = False) -> CollectorError:
    """The error a user sees for `hresult`; `late`: writing had started, say the disc suffered."""
    hresult &= 0xFFFFFFFF
    if hresult == E_IMAPI_REQUEST_CANCELLED:
        if late:
            return CancelledError("Burn cancelled while writing: the disc is probably unusable.")
        return CancelledError("Burn cancelled before anything was written.")
    kind, message = _MESSAGES.get(
        hresult, (BurnError, f"Windows could not burn the disc (error 0x{hresult:08X})."))
    return kind(message)


def error_for_exception(exc: BaseException, late: bool = False) -> CollectorError:
    hresult = hresult_of(exc)
    if hresult is None:
        return BurnError(f"Windows could not burn the disc: {exc}")
    return error_for_hresult(hresult, late)
