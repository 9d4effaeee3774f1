"""Windows' built-in burner (IMAPI2, track-at-once) behind an injectable COM layer."""

from __future__ import annotations

import logging
import struct
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from cdcollector.burning.backends.base import (
    BurnOptions,
    BurnResult,
    DiscSpec,
    Drive,
    MediaInfo,
    ProgressCallback,
)
from cdcollector.burning.backends.imapi2_errors import (
    E_IMAPI_RECORDER_NO_SUCH_MEDIA,
    NOT_FIT,
    error_for_exception,
    hresult_of,
)
from cdcollector.burning.redbook import SECTOR_BYTES, SECTORS_PER_SECOND
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError, MediaError, NoDriveError

log = logging.getLogger(__name__)
CLIENT_NAME = "CD-Collector"
NO_CDTEXT_NOTE = ("Windows' built-in burner writes no CD-TEXT: the disc plays everywhere, but "
                  "players will not show titles.")
NO_BURNER = "No CD burner was found."
TAO_GAP_SECTORS = 2 * SECTORS_PER_SECOND  # track-at-once always leaves 2 s between tracks
# IMAPI_FORMAT2_TAO_WRITE_ACTION
ACTION_PREPARING, ACTION_WRITING, ACTION_FINISHING = 1, 2, 3


class ComLayer(Protocol):
    """What the backend needs from COM; the real one is comtypes on Windows, tests use a fake."""

    def initialize(self) -> None: ...
    def uninitialize(self) -> None: ...
    def disc_master(self) -> Any: ...
    def recorder(self) -> Any: ...
    def track_at_once(self) -> Any: ...
    def pcm_stream(self, path: Path, offset: int, length: int) -> Any: ...
    def advise_update(self, format_obj: Any, handler: Any) -> Any: ...


@contextmanager
def com_apartment(com: ComLayer) -> Iterator[None]:
    """COM must be initialised on each thread that uses it (the pane calls from workers)."""
    com.initialize()
    try:
        yield
    finally:
        com.uninitialize()


def pcm_range(wav: Path) -> tuple[int, int]:
    """(offset, length) of a WAV's PCM: what AddAudioTrack takes (raw little-endian samples)."""
    with wav.open("rb") as handle:
        header = handle.read(12)
        if header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            raise BurnError(f"{wav.name} is not a WAV file.")
        while True:
            chunk = handle.read(8)
            if len(chunk) < 8:
                raise BurnError(f"{wav.name} has no audio data.")
            name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"data":
                offset = handle.tell()
                break
            handle.seek(size + (size & 1), 1)
    if size % SECTOR_BYTES:
        raise BurnError(f"{wav.name}: the audio is not a whole number of CD sectors.")
    return offset, size


def tao_progress(args: Any, track_sectors: Sequence[int]) -> tuple[str, float, str]:
    """An Update event's IDiscFormat2TrackAtOnceEventArgs → (phase, fraction, message)."""
    number = int(args.CurrentTrackNumber)
    action = int(args.CurrentAction)
    total = sum(track_sectors) or 1
    before = sum(track_sectors[: max(number - 1, 0)])
    count = max(int(args.SectorCount), 1)
    written = min(max(int(args.LastWrittenLba) - int(args.StartLba), 0), count)
    current = track_sectors[number - 1] if 0 < number <= len(track_sectors) else count
    fraction = min((before + current * written / count) / total, 0.99)
    if action == ACTION_FINISHING and number >= len(track_sectors):
        return ("fixating", 1.0, "Closing the disc")
    if action == ACTION_PREPARING:
        return ("writing", fraction, f"Preparing track {number} of {len(track_sectors)}")
    return ("writing", fraction, f"Writing track {number} of {len(track_sectors)}")


def default_com_layer() -> ComLayer | None:
    if sys.platform != "win32":
        return None
    from cdcollector.burning.backends.imapi2_com import ComtypesLayer

    return ComtypesLayer()


class Imapi2Backend:
    name = "imapi2"
    writes_cdtext = False
    cdtext_note = NO_CDTEXT_NOTE

    def __init__(self, com: ComLayer | None = None):
        self.com = com if com is not None else default_com_layer()
        self._late = False
        self._simulate = False

    def available(self) -> bool:
        if self.com is None:
            return False
        try:
            with com_apartment(self.com):
                return bool(self.com.disc_master().IsSupportedEnvironment)
        except Exception:
            return False

    def _require_com(self) -> ComLayer:
        if self.com is None:
            raise BurnError("Windows' disc burning service (IMAPI2) is only available on Windows.")
        return self.com

    def list_drives(self) -> list[Drive]:
        com = self._require_com()
        with com_apartment(com):
            master = com.disc_master()
            if not master.IsSupportedEnvironment:
                return []
            drives = []
            for index in range(int(master.Count)):
                unique_id = master.Item(index)
                recorder = com.recorder()
                recorder.InitializeDiscRecorder(unique_id)
                drives.append(Drive(unique_id, str(recorder.VendorId).strip(),
                                    str(recorder.ProductId).strip()))
            return drives

    def _open_recorder(self, device: str | None) -> Any:
        com = self._require_com()
        master = com.disc_master()
        ids = [master.Item(i) for i in range(int(master.Count))]
        if not ids:
            raise NoDriveError(NO_BURNER)
        if device and device not in ids:
            raise NoDriveError(f"The burner {device} was not found.")
        recorder = com.recorder()
        recorder.InitializeDiscRecorder(device or ids[0])
        return recorder

    def _format(self, recorder: Any) -> Any:
        fmt = self._require_com().track_at_once()
        fmt.ClientName = CLIENT_NAME
        if not fmt.IsRecorderSupported(recorder):
            raise BurnError("This drive cannot write audio CDs.")
        fmt.Recorder = recorder
        return fmt

    def probe_media(self, device: str) -> MediaInfo:
        com = self._require_com()
        with com_apartment(com):
            fmt = self._format(self._open_recorder(device))
            if not fmt.IsCurrentMediaSupported(fmt.Recorder):
                return MediaInfo(False, False, None, "No blank CD-R in the drive.")
            try:
                fmt.PrepareMedia()
            except Exception as exc:
                if hresult_of(exc) == E_IMAPI_RECORDER_NO_SUCH_MEDIA:
                    return MediaInfo(False, False, None, "No disc in the drive.")
                raise error_for_exception(exc) from exc
            try:
                free = int(fmt.FreeSectorsOnMedia)
                blank = int(fmt.NumberOfExistingTracks) == 0
            finally:
                fmt.ReleaseMedia()
            detail = "Blank disc." if blank else "The disc already holds tracks."
            return MediaInfo(True, blank, free, detail)

    def past_point_of_no_return(self) -> bool:
        return self._late and not self._simulate

    def burn(self, disc: DiscSpec, options: BurnOptions, progress: ProgressCallback,
             cancel: CancelToken) -> BurnResult:
        com = self._require_com()
        cancel.raise_if_cancelled()
        self._late, self._simulate = False, options.simulate
        ranges = [pcm_range(t.wav_path) for t in disc.tracks]
        sectors = [length // SECTOR_BYTES for _, length in ranges]
        with com_apartment(com):
            return self._burn(com, disc, options, progress, cancel, ranges, sectors)

    def _burn(self, com: ComLayer, disc: DiscSpec, options: BurnOptions,
              progress: ProgressCallback, cancel: CancelToken,
              ranges: list[tuple[int, int]], sectors: list[int]) -> BurnResult:
        fmt = self._format(self._open_recorder(options.device))
        if not fmt.IsCurrentMediaSupported(fmt.Recorder):
            raise MediaError("There is no blank CD-R in the burner. Insert one and retry.")

        def on_update(_sender: Any, args: Any) -> None:
            if cancel.cancelled:
                fmt.CancelAddTrack()
            progress(*tao_progress(args, sectors))

        connection = com.advise_update(fmt, on_update)
        finished = False
        try:
            fmt.PrepareMedia()
            needed = sum(sectors) + TAO_GAP_SECTORS * (len(sectors) - 1)
            if needed > int(fmt.FreeSectorsOnMedia):
                raise MediaError(NOT_FIT)
            if options.speed > 0:
                fmt.SetWriteSpeed(options.speed * SECTORS_PER_SECOND, False)
            if options.simulate:
                message = ("Checked the disc and the tracks; Windows' burner cannot test-write, "
                           "so nothing was written.")
            else:
                self._write_tracks(com, fmt, disc, ranges, cancel)
                message = f"Audio CD written: {len(disc.tracks)} tracks (without CD-TEXT)."
            finished = True
        except (BurnError, CancelledError):
            raise
        except Exception as exc:
            raise error_for_exception(exc, self.past_point_of_no_return()) from exc
        finally:
            try:
                self._release(fmt, progress, raise_errors=finished)
            finally:
                if connection is not None:
                    connection.disconnect()
        if options.eject and not options.simulate:
            try:
                fmt.Recorder.EjectMedia()
            except Exception:  # a stuck tray is not a failed burn
                log.warning("could not eject the disc", exc_info=True)
        progress("done", 1.0, message)
        return BurnResult(True, message)

    def _release(self, fmt: Any, progress: ProgressCallback, raise_errors: bool) -> None:
        """ReleaseMedia closes the disc after writing; its failure matters only if all else went
        well (otherwise the first error is the one the user needs to see)."""
        if raise_errors and self._late:
            progress("fixating", 1.0, "Closing the disc")
        try:
            fmt.ReleaseMedia()
        except Exception as exc:
            if raise_errors:
                raise error_for_exception(exc, self.past_point_of_no_return()) from exc
            log.warning("ReleaseMedia failed after an earlier error", exc_info=True)

    def _write_tracks(self, com: ComLayer, fmt: Any, disc: DiscSpec,
                      ranges: list[tuple[int, int]], cancel: CancelToken) -> None:
        for track, (offset, length) in zip(disc.tracks, ranges, strict=True):
            if cancel.cancelled:
                raise CancelledError(
                    "Burn cancelled between tracks: the disc is probably unusable."
                    if self._late else "Burn cancelled before anything was written.")
            stream = com.pcm_stream(track.wav_path, offset, length)
            self._late = True
            fmt.AddAudioTrack(stream)

