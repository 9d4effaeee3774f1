"""The Downloads pane over the real DownloadService and DB: rows, summary, actions, states."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QSystemTrayIcon

from cdcollector.domain.types import DownloadState
from cdcollector.services.context import AppContext
from cdcollector.services.downloads import DownloadService
from cdcollector.ui.models import download_jobs as cols
from cdcollector.ui.panes.downloads import summary_line
from tests.downloads_ui.conftest import Spy, idle, ref, set_state, view


def select_rows(pane, *rows: int) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(pane.model.index(row, 0), pane.model.index(row, len(cols.COLUMNS) - 1))
    pane.table.selectionModel().select(selection,
                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)


def states(pane) -> list[str]:
    return [pane.model.data(pane.model.index(r, cols.STATE)) for r in range(pane.model.rowCount())]


def test_no_jobs_shows_the_empty_state(make_pane, qtbot):
    pane = make_pane()
    assert pane.stack.currentWidget() is pane.empty
    with qtbot.waitSignal(pane.navigate_requested) as signal:
        pane.empty.button.click()
    assert signal.args == ["discovery"]


def test_jobs_show_in_the_table_with_a_summary_line(paused, bus_ctx, make_pane):
    ids = paused.enqueue([ref(t) for t in ("A", "B", "C", "D", "E")])
    set_state(bus_ctx, ids[0], DownloadState.DOWNLOADING, progress=0.3)
    set_state(bus_ctx, ids[1], DownloadState.FAILED, error="HTTP Error 403: Forbidden")
    set_state(bus_ctx, ids[2], DownloadState.DONE, progress=1.0)
    pane = make_pane()
    assert pane.stack.currentWidget() is pane.table_page
    assert states(pane) == ["Downloading", "Failed", "Done", "Queued", "Queued"]
    assert pane.summary.text() == "1 active · 2 queued · 1 failed · 1 done · paused"
    assert summary_line([view(1), view(2, DownloadState.NEEDS_REVIEW)], False) == \
        "0 active · 1 queued · 0 failed · 1 to review"


def test_progress_reports_update_one_row_in_place_at_most_once_per_flush(
        paused, bus_ctx, make_pane, qtbot):
    ids = paused.enqueue([ref("One"), ref("Two"), ref("Three")])
    pane = make_pane()
    spy = Spy(pane.model)
    flushes = pane.feed.flushes
    for step in range(1, 21):  # a burst of engine reports before the UI gets a turn
        set_state(bus_ctx, ids[1], DownloadState.DOWNLOADING, progress=step / 20)
    idle(qtbot, pane)
    assert pane.feed.flushes == flushes + 1
    assert spy.changed_rows == [1]
    assert spy.resets == spy.inserted == spy.removed == 0
    assert pane.model.data(pane.model.index(1, cols.PROGRESS)) == "100 %"
    assert pane.summary.text().startswith("1 active · 2 queued")


def test_added_and_removed_jobs_insert_and_remove_rows_without_reset(paused, make_pane, qtbot):
    paused.enqueue([ref("One"), ref("Two")])
    pane = make_pane()
    spy = Spy(pane.model)
    paused.enqueue([ref("Three")])
    idle(qtbot, pane)
    assert pane.model.rowCount() == 3 and spy.inserted == 1
    select_rows(pane, 0, 2)
    pane.actions.remove_action.trigger()
    idle(qtbot, pane)
    assert [pane.model.job_at(r).title for r in range(pane.model.rowCount())] == ["Two"]
    assert [job.title for job in paused.list_jobs()] == ["Two"]
    assert spy.removed == 2 and spy.resets == 0


def test_actions_call_the_service_and_the_table_follows(paused, bus_ctx, make_pane, qtbot):
    ids = paused.enqueue([ref(t) for t in ("A", "B", "C", "D")])
    set_state(bus_ctx, ids[3], DownloadState.FAILED, error="HTTP Error 500")
    pane = make_pane()
    actions = pane.actions
    select_rows(pane, 0, 1)
    assert actions.cancel_action.isEnabled() and actions.remove_action.isEnabled()
    assert not actions.retry_action.isEnabled() and not actions.review_action.isEnabled()
    assert [a.text() for a in pane.context_menu().actions() if not a.isSeparator()] == \
        ["Cancel", "Remove", "Resume all", "Retry all failed"]

    actions.cancel_action.trigger()
    idle(qtbot, pane)
    assert states(pane) == ["Cancelled", "Cancelled", "Queued", "Failed"]
    assert [paused.job(i).state for i in ids[:2]] == [DownloadState.CANCELLED] * 2
    assert actions.retry_action.isEnabled() and not actions.cancel_action.isEnabled()

    actions.retry_action.trigger()
    idle(qtbot, pane)
    assert states(pane) == ["Queued", "Queued", "Queued", "Failed"]
    actions.retry_failed_action.trigger()
    idle(qtbot, pane)
    assert states(pane) == ["Queued"] * 4
    assert not actions.retry_failed_action.isEnabled()

    # Resume: the real engine runs them; the fake catalogue knows none of these songs.
    assert actions.resume_action.isEnabled() and not actions.pause_action.isEnabled()
    actions.resume_action.trigger()
    qtbot.waitUntil(lambda: states(pane) == ["Failed"] * 4, timeout=20_000)
    assert not paused.paused and actions.pause_action.isEnabled()
    assert pane.model.data(pane.model.index(0, cols.PROGRESS)) == \
        "No recording of this track was found"
    assert pane.summary.text() == "0 active · 0 queued · 4 failed"
    # The batch is over; offscreen there is no tray, so the window says so itself.
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    qtbot.waitUntil(pane.notice.isVisible)
    assert pane.notice.text() == "Downloads finished: 4 failed."
    assert pane.notifier.tray is None


def test_another_engine_running_does_not_block_the_pane(
        isolated_home, fake_media, make_pane, qtbot):
    other_ctx = AppContext.open(home=str(isolated_home))  # e.g. `cdcollector download` running
    other = DownloadService(other_ctx, provider=fake_media.provider())
    try:
        pane = make_pane()
        qtbot.waitUntil(lambda: pane.loaded)
        assert not pane.is_blocked and pane.stack.currentWidget() is pane.empty
        assert pane.actions.pause_action.isEnabled()
    finally:
        other.shutdown()
        other_ctx.close()


def test_delete_key_removes_and_clear_finished_keeps_the_files(
        paused, bus_ctx, make_pane, qtbot, tmp_path):
    song = tmp_path / "Finished.mp3"
    song.write_bytes(b"ID3")
    ids = paused.enqueue([ref("Kept"), ref("Finished"), ref("Gone")])
    set_state(bus_ctx, ids[1], DownloadState.DONE, progress=1.0, target_path=str(song))
    pane = make_pane()
    pane.table.selectRow(1)
    assert "Show in folder" in [a.text() for a in pane.context_menu().actions()]

    pane.activateWindow()
    qtbot.waitActive(pane)
    pane.table.setFocus()
    pane.table.selectRow(2)
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    idle(qtbot, pane)
    assert [job.title for job in pane.model.jobs()] == ["Kept", "Finished"]

    pane.actions.clear_done_action.trigger()
    idle(qtbot, pane)
    assert [job.title for job in pane.model.jobs()] == ["Kept"]
    assert [job.title for job in paused.list_jobs()] == ["Kept"]
    assert song.is_file() and not pane.actions.clear_done_action.isEnabled()
