"""Search paging when a query has more matches than are ranked (library.search.RANK_CAP)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from cdcollector.library import search
from cdcollector.ui.models.track_table import TrackTableModel
from tests.ui.conftest import add_tracks

MATCHES = 23


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(search, "RANK_CAP", 7)
    return 7


@pytest.fixture
def crowded(bus_ctx):
    """23 tracks match "echo"; the best (a title hit) was added last, the rest by album only."""
    rows = [(f"Song {i:02}", "Someone", "Echo Chamber") for i in range(MATCHES - 1)]
    rows.append(("Echo", "Someone", "Elsewhere"))
    add_tracks(bus_ctx, [*rows, ("Unrelated", "Nobody", "Nothing")])
    return rows


def ids(rows) -> list[int]:
    return [r.id for r in rows]


@pytest.mark.parametrize("limit", [1, 3, 5, 7, 10, 50])
def test_pages_cover_every_match_once_across_the_cap(services, small_cap, crowded, limit):
    everything = []
    offset = 0
    while True:
        page = services.library.search("echo", limit=limit, offset=offset)
        everything += page
        if len(page) < limit:
            break
        offset += limit
    assert len(everything) == MATCHES
    assert len(set(ids(everything))) == MATCHES
    assert services.library.search("echo", limit=limit, offset=MATCHES) == []


def test_exact_ranking_while_under_the_cap(services, crowded):
    assert search.RANK_CAP >= MATCHES
    first = services.library.search("echo", limit=1)
    assert first[0].title == "Echo"  # the title hit wins although it was added last


def test_over_the_cap_the_first_matches_are_ranked_then_the_rest_follow(
        services, small_cap, crowded):
    rows = services.library.search("echo", limit=100)
    assert len(rows) == MATCHES
    assert ids(rows[small_cap:]) == sorted(ids(rows[small_cap:]))  # the unranked tail, in order
    assert max(ids(rows[:small_cap])) < min(ids(rows[small_cap:]))


def test_model_fetches_every_page_across_the_cap(services, small_cap, crowded):
    model = TrackTableModel(services.library, services.bus, page_size=4)
    model.set_query("echo")
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == MATCHES
    assert len({model.track_at(r).id for r in range(MATCHES)}) == MATCHES
