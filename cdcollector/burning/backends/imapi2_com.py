"""The real IMAPI2 COM layer (Windows only): comtypes objects, PCM streams and Update events."""

from __future__ import annotations

import ctypes
import os
import tempfile
from pathlib import Path
from typing import Any

STGM_READ = 0x0
STGM_SHARE_DENY_WRITE = 0x20
FILE_ATTRIBUTE_TEMPORARY = 0x100
_COPY_BYTES = 1 << 20


class _UpdateSink:
    """Receives DDiscFormat2TrackAtOnceEvents.Update and hands the typed args to `handler`."""

    def __init__(self, handler, args_interface):
        self._handler = handler
        self._args_interface = args_interface

    def Update(self, *args):  # named after the COM event
        sender, progress = args[-2], args[-1]
        try:
            progress = progress.QueryInterface(self._args_interface)
        except Exception:
            pass  # already the right interface, or late-bound: attribute access still works
        self._handler(sender, progress)


class _Connection:
    def __init__(self, advise):
        self._advise = advise

    def disconnect(self) -> None:
        self._advise = None  # dropping comtypes' connection object unadvises the sink


class ComtypesLayer:
    """Creates IMAPI2 objects through comtypes; COM runs multithreaded on the burn thread."""

    def __init__(self):
        self._temp_files: list[str] = []

    def initialize(self) -> None:
        import comtypes

        comtypes.CoInitializeEx(comtypes.COINIT_MULTITHREADED)

    def uninitialize(self) -> None:
        import comtypes

        for name in self._temp_files:
            try:
                os.unlink(name)
            except OSError:
                pass
        self._temp_files.clear()
        comtypes.CoUninitialize()

    @staticmethod
    def _create(prog_id: str) -> Any:
        from comtypes.client import CreateObject

        return CreateObject(prog_id)

    def disc_master(self) -> Any:
        return self._create("IMAPI2.MsftDiscMaster2")

    def recorder(self) -> Any:
        return self._create("IMAPI2.MsftDiscRecorder2")

    def track_at_once(self) -> Any:
        return self._create("IMAPI2.MsftDiscFormat2TrackAtOnce")

    def pcm_stream(self, path: Path, offset: int, length: int) -> Any:
        """An IStream over the WAV's PCM only (a temporary headerless copy)."""
        from comtypes import POINTER
        from comtypes.gen import IMAPI2

        handle, name = tempfile.mkstemp(suffix=".pcm", prefix="cdcollector-")
        self._temp_files.append(name)
        with os.fdopen(handle, "wb") as out, path.open("rb") as src:
            src.seek(offset)
            remaining = length
            while remaining:
                block = src.read(min(_COPY_BYTES, remaining))
                if not block:
                    break
                out.write(block)
                remaining -= len(block)
        stream = POINTER(IMAPI2.IStream)()
        result = ctypes.windll.shlwapi.SHCreateStreamOnFileEx(
            ctypes.c_wchar_p(name), STGM_READ | STGM_SHARE_DENY_WRITE,
            FILE_ATTRIBUTE_TEMPORARY, False, None, ctypes.byref(stream))
        if result != 0:
            raise OSError(f"could not open a stream on {name} (0x{result & 0xFFFFFFFF:08X})")
        return stream

    def advise_update(self, format_obj: Any, handler) -> Any:
        from comtypes.client import GetEvents
        from comtypes.gen import IMAPI2

        sink = _UpdateSink(handler, IMAPI2.IDiscFormat2TrackAtOnceEventArgs)
        advise = GetEvents(format_obj, sink, interface=IMAPI2.DDiscFormat2TrackAtOnceEvents)
        return _Connection(advise)
