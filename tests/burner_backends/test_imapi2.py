"""IMAPI2 through the fake COM layer: call order, ReleaseMedia always, HRESULTs, events, cancel."""

from __future__ import annotations

import wave

import pytest

from cdcollector.burning.backends.base import BurnOptions
from cdcollector.burning.backends.imapi2 import Imapi2Backend, pcm_range, tao_progress
from cdcollector.burning.backends.imapi2_errors import error_for_hresult, hresult_of
from cdcollector.domain.cancel import CancelToken
from cdcollector.domain.errors import BurnError, CancelledError, MediaError, NoDriveError
from tests.fakes.fake_imapi2 import FakeComError, FakeEventArgs, FakeImapi

DEVICE = "{FAKE-RECORDER-1}"


def burn(layer, disc, **options):
    updates = []
    backend = Imapi2Backend(layer)
    result = backend.burn(disc, BurnOptions(device=DEVICE, **options),
                          lambda *a: updates.append(a), CancelToken())
    return result, updates, backend


def test_says_plainly_that_it_writes_no_cd_text():
    backend = Imapi2Backend(FakeImapi())
    assert backend.writes_cdtext is False
    assert "writes no CD-TEXT" in backend.cdtext_note


def test_unavailable_off_windows_without_an_injected_layer():
    backend = Imapi2Backend()
    assert not backend.available()
    with pytest.raises(BurnError, match="only available on Windows"):
        backend.list_drives()


def test_drives_and_no_recorder_at_all():
    [drive] = Imapi2Backend(FakeImapi()).list_drives()
    assert (drive.id, drive.vendor, drive.model) == (DEVICE, "FAKE", "CD-RW 52X")
    empty = FakeImapi(recorders=[])
    assert Imapi2Backend(empty).list_drives() == []
    with pytest.raises(NoDriveError, match="No CD burner was found"):
        Imapi2Backend(empty).probe_media("")


def test_every_query_initialises_com_on_its_own_thread():
    """The Burner pane asks from worker threads: each call must bring up COM itself."""
    import threading

    layer = FakeImapi()
    backend = Imapi2Backend(layer)
    answers = []
    worker = threading.Thread(target=lambda: answers.extend(
        [backend.available(), backend.list_drives(), backend.probe_media(DEVICE)]))
    worker.start()
    worker.join()
    assert answers[0] is True and answers[1] and answers[2].present
    assert layer.calls.count("CoInitialize") == 3 and layer.calls.count("CoUninitialize") == 3
    assert layer.calls[0] == "CoInitialize" and layer.initialized == 0


def test_burn_calls_imapi_in_the_required_order(disc):
    layer = FakeImapi()
    result, _, _ = burn(layer, disc, speed=8)
    assert result.ok and "without CD-TEXT" in result.message
    assert layer.calls == [
        "CoInitialize", "InitializeDiscRecorder", "IsRecorderSupported", "Recorder=",
        "IsCurrentMediaSupported", "advise", "PrepareMedia", "SetWriteSpeed",
        "AddAudioTrack", "AddAudioTrack", "AddAudioTrack", "ReleaseMedia", "disconnect",
        "EjectMedia", "CoUninitialize"]
    assert layer.initialized == 0


def test_tracks_go_in_as_raw_little_endian_pcm_without_the_header(disc):
    layer = FakeImapi()
    burn(layer, disc)
    for track, data in zip(disc.tracks, layer.written, strict=True):
        with wave.open(str(track.wav_path), "rb") as w:
            assert data == w.readframes(w.getnframes())
        assert len(data) % 2352 == 0
        value = track.number * 100
        assert data[:2] == value.to_bytes(2, "little", signed=True)


@pytest.mark.parametrize("method", ["PrepareMedia", "AddAudioTrack", "SetWriteSpeed"])
def test_release_media_after_every_failure(disc, method):
    layer = FakeImapi(fail_on={method: 0xC0AA0300})
    with pytest.raises(BurnError, match="buffer underrun"):
        burn(layer, disc, speed=8)
    assert layer.calls[-3:] == ["ReleaseMedia", "disconnect", "CoUninitialize"]


def test_a_failing_release_is_reported_only_when_nothing_failed_before(disc):
    layer = FakeImapi(fail_on={"ReleaseMedia": 0xC0AA0300})
    with pytest.raises(BurnError, match="buffer underrun"):
        burn(layer, disc)
    earlier = FakeImapi(fail_on={"ReleaseMedia": 0xC0AA0300, "SetWriteSpeed": 0xC0AA0210})
    with pytest.raises(BurnError, match="another program"):
        burn(earlier, disc, speed=8)
    assert earlier.calls[-3:] == ["ReleaseMedia", "disconnect", "CoUninitialize"]


def test_release_media_when_the_disc_is_too_small(disc):
    layer = FakeImapi(free_sectors=500)
    with pytest.raises(MediaError, match="do not fit"):
        burn(layer, disc)
    assert "AddAudioTrack" not in layer.calls and "ReleaseMedia" in layer.calls


def test_no_supported_media_stops_before_prepare(disc):
    layer = FakeImapi(media="none")
    with pytest.raises(MediaError, match="no blank CD-R"):
        burn(layer, disc)
    assert "PrepareMedia" not in layer.calls


@pytest.mark.parametrize(("hresult", "kind", "words"), [
    (0xC0AA0502, BurnError, "not prepared"),
    (0xC0AA0508, MediaError, "at most 99"),
    (0xC0AA0509, MediaError, "do not fit"),
    (0xC0AA0202, MediaError, "no disc"),
    (0xC0AA0300, BurnError, "buffer underrun"),
    (0xC0AA0210, BurnError, "another program"),
    (0xC0AA0002, CancelledError, "cancelled"),
    (0x80004005, BurnError, "0x80004005"),
])
def test_hresults_map_to_clear_messages(hresult, kind, words):
    error = error_for_hresult(hresult)
    assert type(error) is kind and words.lower() in error.message.lower()


def test_hresult_is_read_from_comtypes_and_pywin32_shapes():
    assert hresult_of(FakeComError(0xC0AA0509)) == 0xC0AA0509
    signed = 0xC0AA0509 - (1 << 32)  # pywin32 gives the EXCEPINFO scode as a signed int
    pywin32_style = Exception(-2147352567, "Exception occurred.",
                              (0, None, None, None, 0, signed), None)
    assert hresult_of(pywin32_style) == 0xC0AA0509
    assert hresult_of(ValueError("plain")) is None


def test_add_track_failure_hresult_reaches_the_user(disc):
    layer = FakeImapi(fail_after_first_event={"AddAudioTrack": 0xC0AA0509})
    with pytest.raises(MediaError, match="do not fit"):
        burn(layer, disc)
    assert layer.calls.count("ReleaseMedia") == 1


def test_update_events_become_monotonic_progress(disc):
    _, updates, _ = burn(FakeImapi(), disc)
    writing = [u for u in updates if u[0] == "writing"]
    assert {u[2] for u in writing} >= {"Writing track 1 of 3", "Writing track 3 of 3"}
    fractions = [u[1] for u in writing]
    assert fractions == sorted(fractions) and fractions[-1] <= 0.99
    assert updates[-2][0] == "fixating" and updates[-1][0] == "done"


def test_tao_progress_is_pure():
    args = FakeEventArgs(CurrentTrackNumber=2, CurrentAction=2, StartLba=300, SectorCount=300,
                         LastWrittenLba=450)
    phase, fraction, message = tao_progress(args, [300, 300])
    assert phase == "writing" and fraction == pytest.approx(0.75)
    assert message == "Writing track 2 of 2"
    finishing = FakeEventArgs(2, 3, 300, 300, 600)
    assert tao_progress(finishing, [300, 300])[0] == "fixating"


def test_cancel_from_an_update_event_calls_cancel_add_track(disc):
    layer = FakeImapi()
    token = CancelToken()
    backend = Imapi2Backend(layer)

    def progress(phase, fraction, message):
        if message == "Writing track 2 of 3":
            token.cancel()

    with pytest.raises(CancelledError, match="probably unusable"):
        backend.burn(disc, BurnOptions(device=DEVICE), progress, token)
    assert "CancelAddTrack" in layer.calls
    assert layer.calls[-3:] == ["ReleaseMedia", "disconnect", "CoUninitialize"]
    assert backend.past_point_of_no_return()


def test_cancel_before_writing_is_clean(disc):
    layer = FakeImapi()
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        Imapi2Backend(layer).burn(disc, BurnOptions(device=DEVICE), lambda *a: None, token)
    assert "AddAudioTrack" not in layer.calls


def test_simulate_checks_but_writes_nothing(disc):
    layer = FakeImapi()
    result, _, backend = burn(layer, disc, simulate=True)
    assert result.ok and "nothing was written" in result.message
    assert "AddAudioTrack" not in layer.calls and "ReleaseMedia" in layer.calls
    assert not backend.past_point_of_no_return()


def test_probe_media_blank_written_and_empty():
    media = Imapi2Backend(FakeImapi()).probe_media(DEVICE)
    assert media.present and media.blank and media.capacity_sectors == 359_845
    written = Imapi2Backend(FakeImapi(media="written")).probe_media(DEVICE)
    assert written.present and not written.blank
    layer = FakeImapi(media="none")
    assert not Imapi2Backend(layer).probe_media(DEVICE).present
    no_disc = FakeImapi(fail_on={"PrepareMedia": 0xC0AA0202})
    assert not Imapi2Backend(no_disc).probe_media(DEVICE).present


def test_pcm_range_finds_the_data_chunk(disc):
    offset, length = pcm_range(disc.tracks[0].wav_path)
    assert offset == 44 and length == 300 * 2352
