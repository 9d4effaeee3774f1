"""Screenshot of Settings → Accounts connected to the fake Spotify API (not a test).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.accounts_ui.screenshot [OUT.png]
Two mirrors are synced for real against the loopback fake; a third is paused by a 429.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import keyring

from tests.fakes.memory_keyring import InMemoryKeyring
from tests.fakes.spotify_api import CLIENT_ID, FakeSpotify

OUT = "resources/screenshots/accounts.png"


def wait(app, condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the accounts page did not settle")
        app.processEvents()
        time.sleep(0.02)


def main(out: str = OUT) -> None:
    from PySide6.QtWidgets import QApplication

    from cdcollector.app import create_application
    from cdcollector.catalog.spotify.token_cache import KeyringTokenCache
    from cdcollector.services.container import Services
    from cdcollector.services.context import AppContext
    from cdcollector.services.settings_service import SettingsService
    from cdcollector.ui.dialogs.settings_dialog import SettingsDialog
    from cdcollector.ui.widgets.accounts_page import AccountsPage

    keyring.set_keyring(InMemoryKeyring())
    app = create_application([])
    with tempfile.TemporaryDirectory() as home, FakeSpotify() as fake:
        os.environ["CDCOLLECTOR_SPOTIFY_API_BASE"] = fake.api_base
        os.environ["CDCOLLECTOR_SPOTIFY_ACCOUNTS_BASE"] = fake.accounts_base
        ctx = AppContext.open(home=home, with_bus=True)
        ctx.update_settings(spotify_client_id=CLIENT_ID, spotify_redirect_port=8765)
        KeyringTokenCache(CLIENT_ID).save_token_to_cache(fake.issue_token(CLIENT_ID))
        services = Services(ctx)
        listed = list(fake.playlists)
        first = services.sync.add_spotify_playlist(listed[0], fake.playlists[listed[0]].name,
                                                   auto_download=False)
        services.sync.sync(first.id)
        liked = services.sync.add_liked_songs(keep_removed=True)
        services.sync.sync(liked.id)
        busy = services.sync.add_spotify_playlist(listed[1], fake.playlists[listed[1]].name)
        fake.rate_limit(retry_after=1500, path=r"/playlists/", times=None)
        services.sync.sync(busy.id)
        fake.clear_faults()

        settings = SettingsService(ctx)
        page = AccountsPage(services, settings)
        dialog = SettingsDialog(settings, accounts=page)
        dialog.tabs.setCurrentIndex(1)
        dialog.resize(820, 780)
        dialog.show()
        wait(app, lambda: page.remote_model.rowCount() > 1
             and "Logged in as" in page.login_box.status_label.text())
        page.mirror_panel.select_mirror(busy.id)
        app.processEvents()
        dialog.grab().save(out)
        print(f"saved {out}")
        dialog.close()
        services.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(*sys.argv[1:])
