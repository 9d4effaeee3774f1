"""The test suite itself cannot reach the internet, while loopback keeps working."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests


def test_public_names_and_addresses_are_refused():
    with pytest.raises(OSError, match="tests stay offline"):
        socket.getaddrinfo("music.youtube.com", 443)
    with pytest.raises(OSError, match="tests stay offline"):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    with pytest.raises(requests.ConnectionError):
        requests.get("https://api.spotify.com/v1/search", timeout=2)


def test_loopback_still_works():
    class Hello(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"hi")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://localhost:{server.server_address[1]}/"
        assert requests.get(url, timeout=5).text == "hi"
    finally:
        server.shutdown()
        server.server_close()


def test_search_online_through_the_cli_uses_the_catalogue(monkeypatch, capsys):
    from cdcollector.cli import main
    from cdcollector.domain.types import Source
    from cdcollector.services.container import Services
    from cdcollector.services.discovery import DiscoveryService
    from tests.fakes.catalogs import FakeCatalog, track

    fake = FakeCatalog("YouTube Music", Source.YTMUSIC)
    from cdcollector.catalog.base import SearchResults
    fake.results["jóga"] = SearchResults(songs=(track("Jóga", "Björk", "yt1", Source.YTMUSIC),))
    monkeypatch.setattr(Services, "discovery", property(
        lambda self: DiscoveryService(self.ctx, catalogs={"ytmusic": fake})))
    assert main(["search", "--online", "jóga"]) == 0
    out = capsys.readouterr().out
    assert "No tracks found." in out and "Björk" in out and "yt1" in out
