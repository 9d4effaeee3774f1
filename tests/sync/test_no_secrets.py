"""After a real PKCE login and a sync, no token is in the DB file, settings or logs."""

import logging

import requests

from cdcollector.services.spotify_account import SpotifyAccountService
from cdcollector.services.sync import SyncService
from tests.fakes.spotify_api import point_app_at


def test_no_token_in_db_settings_or_logs(ctx, fake_spotify, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    point_app_at(fake_spotify, ctx, monkeypatch)
    account = SpotifyAccountService(ctx, timeout=3.0, retries=1, backoff_factor=0.01)
    requests.get(account.begin_login(), timeout=5, allow_redirects=True)
    assert account.finish_login(timeout=5).logged_in
    pid = fake_spotify.create_playlist("Secretless", fake_spotify.make_tracks(3))
    sync = SyncService(ctx, spotify=account.catalog)
    assert sync.sync(sync.add_spotify_playlist(pid).id).status == "ok"
    ctx.db.engine.dispose()  # flush WAL into the DB file before reading it
    for handler in logging.getLogger().handlers:
        handler.flush()

    secrets = [s for s in fake_spotify.all_secrets() if len(s) >= 8]
    assert secrets, "the fake issued no tokens: the test would prove nothing"
    home_files = [p for p in ctx.paths.config_dir.parent.rglob("*") if p.is_file()]
    assert ctx.paths.db_path in home_files and ctx.paths.settings_path in home_files
    assert any(p.parent == ctx.paths.log_dir for p in home_files)
    leaking = [str(p) for p in home_files if any(s.encode() in p.read_bytes() for s in secrets)]
    assert leaking == []
    assert not any(s in caplog.text for s in secrets)
