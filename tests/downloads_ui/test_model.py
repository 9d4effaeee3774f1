"""The download table model: qtmodeltester, in-place row updates, inserts/removes without reset."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from cdcollector.domain.types import DownloadState
from cdcollector.ui.models import download_jobs as cols
from cdcollector.ui.models.download_jobs import (
    JOB_ROLE,
    PROGRESS_ROLE,
    DownloadJobModel,
    format_speed,
)
from tests.downloads_ui.conftest import Spy, ref, set_state, view

pytestmark = pytest.mark.usefixtures("qapp")  # icons need a QGuiApplication


def test_model_passes_qtmodeltester_empty_full_and_after_updates(qtmodeltester):
    model = DownloadJobModel()
    qtmodeltester.check(model)
    model.set_jobs([view(1, DownloadState.DOWNLOADING, progress=0.4, speed_bps=2_500_000,
                         eta_s=12, score=91.0),
                    view(2), view(4, DownloadState.FAILED, error="HTTP Error 403: Forbidden"),
                    view(6, DownloadState.NEEDS_REVIEW, score=55.0),
                    view(7, DownloadState.DONE, progress=1.0, target_path="/m/a.mp3")])
    qtmodeltester.check(model)
    model.apply([view(1, DownloadState.CONVERTING, progress=0.9), view(3), view(9)], removed=[6])
    qtmodeltester.check(model)
    model.set_jobs([view(0), view(3), view(5, DownloadState.CANCELLED)])
    qtmodeltester.check(model)
    assert [model.job_at(r).id for r in range(model.rowCount())] == [0, 3, 5]


def test_cells_say_what_a_user_reads():
    model = DownloadJobModel()
    model.set_jobs([view(1, DownloadState.DOWNLOADING, progress=0.42, speed_bps=1_500_000,
                         eta_s=75, score=88.4),
                    view(2, DownloadState.FAILED, error="No recording of this track was found"),
                    view(3, DownloadState.NEEDS_REVIEW, score=51.0)])

    def cell(row, column, role=Qt.ItemDataRole.DisplayRole):
        return model.data(model.index(row, column), role)

    assert [cell(0, c) for c in range(len(cols.COLUMNS))] == [
        "Song 1", "Band", "Downloading", "42 %", "1.5 MB/s", "1:15", "88"]
    assert cell(0, cols.PROGRESS, PROGRESS_ROLE) == 0.42
    assert not cell(0, cols.STATE, Qt.ItemDataRole.DecorationRole).isNull()
    assert cell(1, cols.STATE) == "Failed"
    assert cell(1, cols.PROGRESS) == "No recording of this track was found"
    assert cell(1, cols.PROGRESS, PROGRESS_ROLE) is None  # no bar, the reason instead
    assert cell(1, cols.STATE, Qt.ItemDataRole.ToolTipRole) == \
        "No recording of this track was found"
    assert cell(2, cols.STATE) == "Needs review"
    assert cell(2, cols.TITLE, JOB_ROLE).id == 3
    assert (format_speed(None), format_speed(900), format_speed(12_300)) == \
        ("", "900 B/s", "12.3 kB/s")


def test_updates_touch_only_their_rows_and_never_reset():
    model = DownloadJobModel()
    model.set_jobs([view(i) for i in (1, 2, 3, 4)])
    spy = Spy(model)
    model.apply([view(3, DownloadState.DOWNLOADING, progress=0.5)])
    model.apply([view(2)])  # unchanged: no signal at all
    assert spy.changed_rows == [2] and spy.resets == spy.inserted == spy.removed == 0

    downloading = model.job_at(2)
    model.set_jobs([view(1), downloading, view(5), view(6)])  # 2 and 4 go, 5 and 6 come
    assert spy.resets == 0 and spy.removed == 2 and spy.inserted == 1  # 5 and 6 in one run
    assert spy.changed_rows == [2]  # the rows that stayed the same sent nothing
    assert [model.job_at(r).id for r in range(model.rowCount())] == [1, 3, 5, 6]
    assert model.job_at(1).state == DownloadState.DOWNLOADING


def test_the_real_service_views_fill_the_model(qtmodeltester, paused, bus_ctx):
    ids = paused.enqueue([ref("One"), ref("Two"), ref("Three")])
    set_state(bus_ctx, ids[1], DownloadState.DOWNLOADING, progress=0.25)
    model = DownloadJobModel()
    model.set_jobs(paused.list_jobs())
    qtmodeltester.check(model)
    assert [model.data(model.index(r, cols.STATE)) for r in range(3)] == \
        ["Queued", "Downloading", "Queued"]
    model.apply([replace(paused.job(ids[1]), progress=0.75)])
    qtmodeltester.check(model)
    assert model.data(model.index(1, cols.PROGRESS)) == "75 %"
