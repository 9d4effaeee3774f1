"""Two processes writing one library at once lose nothing (issue 13, finding 2)."""

from __future__ import annotations

from sqlalchemy import text

from cdcollector.domain.types import AlbumRef, Source
from cdcollector.services.favourites import FavouriteService
from cdcollector.services.playlists import PlaylistService
from tests.playlists.conftest import numbered_tracks
from tests.two_writers import overlapping_calls, run_two_writers

PER_WRITER = 300


def add_one(ctx, job: tuple[int, int]) -> None:
    playlist_id, track_id = job
    PlaylistService(ctx).add_tracks(playlist_id, [track_id], on_duplicate="add")


def test_two_processes_adding_to_one_playlist_keep_every_track(ctx, svc, isolated_home):
    playlist = svc.create("Shared")
    tracks = numbered_tracks(ctx, 2 * PER_WRITER)
    mine, theirs = tracks[:PER_WRITER], tracks[PER_WRITER:]

    a, b = run_two_writers(isolated_home, add_one, [(playlist.id, t) for t in mine],
                           [(playlist.id, t) for t in theirs])

    assert len(a) == len(b) == PER_WRITER  # every call was acknowledged
    assert overlapping_calls(a, b) > 0 and overlapping_calls(b, a) > 0
    with ctx.db.session() as session:
        rows = session.execute(text(
            "SELECT track_id, position FROM playlist_entry WHERE playlist_id = :p"),
            {"p": playlist.id}).all()
    assert sorted(t for t, _ in rows) == sorted(tracks)
    assert sorted(p for _, p in rows) == list(range(2 * PER_WRITER))
    # Each writer's own tracks stay in the order it added them.
    order = [t for t, _ in sorted(rows, key=lambda r: r[1])]
    assert [t for t in order if t in set(mine)] == mine
    assert [t for t in order if t in set(theirs)] == theirs


def star_album(ctx, number: int) -> None:
    ref = AlbumRef(f"Album {number}", ("Band",), Source.SPOTIFY, f"spotify-album-{number}")
    FavouriteService(ctx).favourite_ref(ref)


def test_two_processes_starring_the_same_albums_make_each_album_once(ctx, isolated_home):
    albums = list(range(PER_WRITER))

    a, b = run_two_writers(isolated_home, star_album, albums, albums)

    assert overlapping_calls(a, b) > 0 and overlapping_calls(b, a) > 0
    with ctx.db.session() as session:
        made = session.execute(text("SELECT count(*), count(DISTINCT spotify_id) FROM album")).one()
        starred = session.execute(text("SELECT count(*) FROM favourite WHERE kind = 'album'")
                                  ).scalar_one()
    assert tuple(made) == (PER_WRITER, PER_WRITER)
    assert starred == PER_WRITER
