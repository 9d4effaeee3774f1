"""A fake IMAPI2 COM layer: recorders, a track-at-once format, Update events and HRESULT failures.

It records every call in order (`calls`) so tests can check the sequence the real IMAPI2
requires, and `fail_on` makes a named method raise a COM error with a given HRESULT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SECTOR = 2352
CANCELLED = 0xC0AA0002


class FakeComError(Exception):
    """Shaped like comtypes.COMError: args (hresult, text, details) and a `hresult` attribute."""

    def __init__(self, hresult: int, text: str = "IMAPI2 failure"):
        signed = hresult - (1 << 32) if hresult >= 1 << 31 else hresult
        super().__init__(signed, text, (None, None, None, 0, None))
        self.hresult = signed


@dataclass
class FakeStream:
    path: Path
    data: bytes


@dataclass
class FakeEventArgs:
    CurrentTrackNumber: int
    CurrentAction: int
    StartLba: int
    SectorCount: int
    LastWrittenLba: int


class FakeMaster:
    def __init__(self, layer: FakeImapi):
        self._layer = layer

    @property
    def IsSupportedEnvironment(self) -> bool:
        return self._layer.supported

    @property
    def Count(self) -> int:
        return len(self._layer.recorders)

    def Item(self, index: int) -> str:
        return self._layer.recorders[index][0]


class FakeRecorder:
    def __init__(self, layer: FakeImapi):
        self._layer = layer
        self.unique_id: str | None = None
        self.VendorId = ""
        self.ProductId = ""

    def InitializeDiscRecorder(self, unique_id: str) -> None:
        self._layer.call("InitializeDiscRecorder", unique_id)
        for rid, vendor, product in self._layer.recorders:
            if rid == unique_id:
                self.unique_id, self.VendorId, self.ProductId = rid, vendor, product
                return
        raise FakeComError(0x80070057, "no such recorder")

    def EjectMedia(self) -> None:
        self._layer.call("EjectMedia")


class FakeTrackAtOnce:
    def __init__(self, layer: FakeImapi):
        self._layer = layer
        self.ClientName = ""
        self._recorder: FakeRecorder | None = None
        self._prepared = False
        self._cancel = False
        self.handler = None
        self.tracks_written: list[bytes] = []

    @property
    def Recorder(self) -> FakeRecorder | None:
        return self._recorder

    @Recorder.setter
    def Recorder(self, recorder: FakeRecorder) -> None:
        self._layer.call("Recorder=")
        self._recorder = recorder

    def IsRecorderSupported(self, recorder) -> bool:
        self._layer.call("IsRecorderSupported")
        return self._layer.recorder_supported

    def IsCurrentMediaSupported(self, recorder) -> bool:
        self._layer.call("IsCurrentMediaSupported")
        return self._layer.media != "none"

    def PrepareMedia(self) -> None:
        self._layer.call("PrepareMedia")
        if self.ClientName == "":
            raise FakeComError(0xC0AA0503, "client name not set")
        self._prepared = True

    @property
    def FreeSectorsOnMedia(self) -> int:
        self._require_prepared()
        return self._layer.free_sectors

    @property
    def NumberOfExistingTracks(self) -> int:
        self._require_prepared()
        return 0 if self._layer.media == "blank" else 3

    def SetWriteSpeed(self, sectors_per_second: int, pure_cav: bool) -> None:
        self._layer.call("SetWriteSpeed", sectors_per_second)

    def AddAudioTrack(self, stream: FakeStream) -> None:
        self._layer.call("AddAudioTrack", len(stream.data))
        self._require_prepared()
        if len(stream.data) % SECTOR:
            raise FakeComError(0x80070057, "track length is not a multiple of 2352")
        number = len(self.tracks_written) + 1
        count = len(stream.data) // SECTOR
        start = sum(len(t) // SECTOR for t in self.tracks_written)
        for written in (0, count // 2, count):
            if self.handler is not None:
                self.handler(self, FakeEventArgs(number, 2, start, count, start + written))
            if self._cancel:
                raise FakeComError(CANCELLED, "cancelled")
            if self._layer.fail_after_first_event.get("AddAudioTrack"):
                raise FakeComError(self._layer.fail_after_first_event["AddAudioTrack"])
        self.tracks_written.append(stream.data)
        self._layer.written.append(stream.data)

    def CancelAddTrack(self) -> None:
        self._layer.call("CancelAddTrack")
        self._cancel = True

    def ReleaseMedia(self) -> None:
        self._layer.call("ReleaseMedia")
        self._prepared = False

    def _require_prepared(self) -> None:
        if not self._prepared:
            raise FakeComError(0xC0AA0502, "media not prepared")

    def __getattribute__(self, name: str):
        layer = object.__getattribute__(self, "_layer")
        if name in layer.fail_on:
            layer.call(name)
            raise FakeComError(layer.fail_on[name])
        return object.__getattribute__(self, name)


class FakeConnection:
    def __init__(self, layer: FakeImapi, fmt: FakeTrackAtOnce):
        self._layer, self._fmt = layer, fmt

    def disconnect(self) -> None:
        self._layer.call("disconnect")
        self._fmt.handler = None


@dataclass
class FakeImapi:
    """The injected COM layer. `media`: blank | written | none."""

    recorders: list[tuple[str, str, str]] = field(
        default_factory=lambda: [("{FAKE-RECORDER-1}", "FAKE    ", "CD-RW 52X   ")])
    supported: bool = True
    recorder_supported: bool = True
    media: str = "blank"
    free_sectors: int = 359_845
    fail_on: dict[str, int] = field(default_factory=dict)
    fail_after_first_event: dict[str, int] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    written: list[bytes] = field(default_factory=list)
    initialized: int = 0

    def call(self, name: str, *args) -> None:
        self.calls.append(name)

    def initialize(self) -> None:
        self.initialized += 1
        self.call("CoInitialize")

    def uninitialize(self) -> None:
        self.initialized -= 1
        self.call("CoUninitialize")

    def disc_master(self) -> FakeMaster:
        return FakeMaster(self)

    def recorder(self) -> FakeRecorder:
        return FakeRecorder(self)

    def track_at_once(self) -> FakeTrackAtOnce:
        return FakeTrackAtOnce(self)

    def pcm_stream(self, path: Path, offset: int, length: int) -> FakeStream:
        with path.open("rb") as handle:
            handle.seek(offset)
            return FakeStream(path, handle.read(length))

    def advise_update(self, format_obj: FakeTrackAtOnce, handler) -> FakeConnection:
        self.call("advise")
        format_obj.handler = handler
        return FakeConnection(self, format_obj)
