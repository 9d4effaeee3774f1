"""Needs review: the dialog lists the offered recordings; a pick (or a pasted link) requeues."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from cdcollector.domain.types import Candidate, DownloadState, ScoredCandidate
from cdcollector.library.models import MatchChoice
from cdcollector.services.download_views import ReviewCandidate
from cdcollector.ui.dialogs.review_dialog import ReviewDialog, pasted_choice
from cdcollector.ui.models import review_candidates as rc
from cdcollector.ui.models.review_candidates import ReviewCandidateModel, duration_versus
from tests.downloads_ui.conftest import idle, put_in_review, ref, view

OFFERED = [
    ScoredCandidate(Candidate("bbbbbbbbbbb", "Unsure", ["The Band"], duration_s=201.0,
                              channel="The Band - Topic", result_type="song"),
                    64.0, ("official artist channel",)),
    ScoredCandidate(Candidate("aaaaaaaaaaa", "Unsure (Live at the Hall)", ["The Band"],
                              duration_s=262.0, channel="Fan Uploads", result_type="video"),
                    41.0, ("live version", "61 s longer")),
]


def cells(model, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(len(rc.COLUMNS))]


def test_the_dialog_lists_candidates_and_a_pick_requeues_the_job(
        paused, bus_ctx, make_pane, qtbot):
    [job_id] = paused.enqueue([ref("Unsure", duration_s=200.0)])
    put_in_review(bus_ctx, job_id, OFFERED)
    pane = make_pane()
    assert pane.summary.text() == "0 active · 0 queued · 0 failed · 1 to review · paused"
    pane.table.selectRow(0)
    assert pane.actions.review_action.isEnabled()
    pane.actions.review_action.trigger()
    dialog = pane.review_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 2
    assert cells(dialog.model, 0)[:4] == ["Unsure", "The Band - Topic", "3:21 (+1 s)", "64"]
    assert cells(dialog.model, 1)[:4] == ["Unsure (Live at the Hall)", "Fan Uploads",
                                         "4:22 (+1:02)", "41"]

    dialog.table.selectRow(1)
    dialog.use_button.click()
    idle(qtbot, pane)
    job = paused.job(job_id)
    assert job.state == DownloadState.QUEUED and job.candidates == ()
    assert pane.model.data(pane.model.index(0, 2)) == "Queued"
    with bus_ctx.db.session() as session:  # remembered for later downloads of this track
        choice = session.exec(select(MatchChoice)).one()
    assert choice.video_id == "aaaaaaaaaaa"


def test_double_click_on_a_row_in_review_opens_the_dialog(paused, bus_ctx, make_pane, qtbot):
    [job_id] = paused.enqueue([ref("Unsure")])
    put_in_review(bus_ctx, job_id, OFFERED)
    pane = make_pane()
    pane.table.doubleClicked.emit(pane.model.index(0, 0))
    assert pane.review_dialog is not None and pane.review_dialog.job.id == job_id


def test_a_pasted_link_is_checked_before_it_is_used(qtbot):
    offered = (ReviewCandidate("bbbbbbbbbbb", "https://music.youtube.com/watch?v=bbbbbbbbbbb",
                               "Unsure", "Topic", ("The Band",), 201.0, 64.0),)
    dialog = ReviewDialog(view(5, DownloadState.NEEDS_REVIEW, candidates=offered))
    qtbot.addWidget(dialog)
    assert dialog.current_choice() == "bbbbbbbbbbb"  # the best is preselected
    dialog.link_edit.setText("not a link")
    assert not dialog.use_button.isEnabled() and not dialog.error_label.isHidden()
    link = "https://www.youtube.com/watch?v=ccccccccccc"
    dialog.link_edit.setText(link)
    assert dialog.use_button.isEnabled() and dialog.error_label.isHidden()
    with qtbot.waitSignal(dialog.chosen) as signal:
        dialog.use_button.click()
    assert signal.args == [5, link]
    assert pasted_choice("  dQw4w9WgXcQ ") == "dQw4w9WgXcQ"
    assert pasted_choice("ftp://x") is None


def test_candidate_model_passes_qtmodeltester(qtmodeltester):
    offered = [ReviewCandidate("x", "u", "T", None, ("A",), None, 50.0)]
    model = ReviewCandidateModel(offered, 200.0)
    qtmodeltester.check(model)
    assert cells(model, 0)[:4] == ["T", "A", "unknown", "50"]
    assert model.data(model.index(0, rc.SCORE), Qt.ItemDataRole.TextAlignmentRole)
    qtmodeltester.check(ReviewCandidateModel([], None))
    assert (duration_versus(200, 200), duration_versus(190, 200), duration_versus(95, None)) == \
        ("3:20 (same)", "3:10 (−10 s)", "1:35")
