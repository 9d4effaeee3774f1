"""Cover cache: real HTTP from a loopback server, files on disk by URL hash, LRU trimming."""

from __future__ import annotations

import os
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from cdcollector.catalog.covers import CoverCache, looks_like_image
from tests.fakes.cover_server import CoverServer, png_bytes


@pytest.fixture
def server():
    with CoverServer() as running:
        yield running


@pytest.fixture
def cache(tmp_path):
    return CoverCache(tmp_path / "covers", timeout=3.0)


def test_fetch_stores_the_image_and_reuses_it(server, cache):
    url = server.url("/cover/a.png")
    path = cache.fetch(url)
    assert path is not None and path.read_bytes() == png_bytes()
    assert path.parent == cache.folder and path == cache.path_for(url)
    assert cache.fetch(url) == path
    assert server.hits["/cover/a.png"] == 1  # the second answer came from disk
    assert cache.cached(url) == path
    assert cache.cached(server.url("/cover/other.png")) is None


def test_failures_give_none_and_leave_nothing(server, cache):
    assert cache.fetch(server.url("/missing")) is None
    assert cache.fetch(server.url("/notimage")) is None
    assert cache.fetch(None) is None and cache.fetch("") is None
    assert cache.fetch("file:///etc/passwd") is None
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/cover/x.png"
    assert cache.fetch(dead) is None
    assert not cache.folder.exists() or list(cache.folder.iterdir()) == []


def test_trim_removes_least_recently_used_first(server, tmp_path):
    one = len(png_bytes())
    cache = CoverCache(tmp_path / "covers", cap_bytes=2 * one, timeout=3.0)
    first = cache.fetch(server.url("/cover/1.png"))
    second = cache.fetch(server.url("/cover/2.png"))
    os.utime(first, ns=(1_000_000_000, 1_000_000_000))
    os.utime(second, ns=(2_000_000_000, 2_000_000_000))
    assert cache.cached(server.url("/cover/1.png")) == first  # a hit makes it recent again
    third = cache.fetch(server.url("/cover/3.png"))
    assert first.exists() and third.exists() and not second.exists()
    assert cache.size_bytes() <= 2 * one


def test_an_image_bigger_than_the_cap_is_not_kept(server, tmp_path):
    cache = CoverCache(tmp_path / "covers", cap_bytes=10, timeout=3.0)
    assert cache.fetch(server.url("/cover/big.png")) is None


def test_parallel_fetches_of_one_url_end_with_one_whole_file(server, cache):
    url = server.url("/cover/same.png")
    with ThreadPoolExecutor(4) as pool:
        paths = set(pool.map(lambda _: cache.fetch(url), range(8)))
    assert paths == {cache.path_for(url)}
    assert cache.path_for(url).read_bytes() == png_bytes()
    assert [p.name for p in cache.folder.iterdir()] == [cache.path_for(url).name]


def test_image_sniffing():
    assert looks_like_image(png_bytes()[:16])
    assert looks_like_image(b"\xff\xd8\xff\xe0" + b"\0" * 12)
    assert looks_like_image(b"RIFF\0\0\0\0WEBPVP8 ")
    assert not looks_like_image(b"<html>")
