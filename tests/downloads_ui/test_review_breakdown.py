"""Needs review shows why each offered recording scored what it did (the matcher's parts)."""

from __future__ import annotations

from cdcollector.domain.types import TrackQuery
from cdcollector.downloads.matching import rank
from cdcollector.ui.models import review_candidates as rc
from tests.downloads_ui.conftest import put_in_review, ref
from tests.matching.test_rules import cand


def test_the_dialog_shows_the_parts_of_each_score(paused, bus_ctx, make_pane, qtbot):
    [job_id] = paused.enqueue([ref("Northern Lights", duration_s=214.0)])
    wanted = TrackQuery(title="Northern Lights", artists=["The Band"], duration_s=214.0)
    offered = rank(wanted, [
        cand("livelivelive", "Northern Lights (Live)", artists=["The Band"], duration_s=221.0),
        cand("uploadupload", "The Band - Northern Lights", artists=["Fan Uploads"],
             result_type="video", channel="Fan Uploads", duration_s=226.0),
    ])
    put_in_review(bus_ctx, job_id, offered)
    pane = make_pane()
    pane.table.selectRow(0)
    pane.actions.review_action.trigger()
    dialog = pane.review_dialog
    assert not dialog.table.isColumnHidden(rc.WHY)

    first = dialog.model.data(dialog.model.index(0, rc.WHY))
    assert first.startswith("title 100 (+30); artists 1.00 (+25); duration ±12s")
    second = dialog.model.data(dialog.model.index(1, rc.WHY))
    assert "live (not asked) (-30)" in second
    tooltip = dialog.model.data(dialog.model.index(1, rc.WHY), rc.Qt.ItemDataRole.ToolTipRole)
    assert "live (not asked) (-30)" in tooltip.splitlines()

    assert dialog.why_label.isVisibleTo(dialog)
    assert dialog.why_label.text().startswith(f"Why it scored {offered[0].score:.0f}: title 100")
    dialog.table.selectRow(1)
    assert "live (not asked) (-30)" in dialog.why_label.text()
