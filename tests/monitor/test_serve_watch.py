"""``khabar serve --watch``: an article the outlet publishes while the server runs becomes
searchable through ``/api/search`` within one poll interval plus its processing, and
``/api/new`` counts it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from khabar.fetch import Fetcher, FetchPolicy
from khabar.monitor import add_source
from khabar.store.sqlite import SQLiteStore
from tests.support.outlet import Outlet

ROOT = Path(__file__).resolve().parents[2]
INTERVAL = 10.0  # seconds: the shortest a source may have
# How long the test waits at most (the first round ingests the whole outlet before the new article).
PATIENCE = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _wait_for(check: Any, what: str) -> Any:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            value = check()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


def test_an_article_published_while_serving_is_searchable_within_a_poll(tmp_path: Path) -> None:
    outlet = Outlet(crawl_delay=None, faults=False, eval_pages=0).start()
    db = tmp_path / "k.db"
    with SQLiteStore(db) as store, Fetcher(FetchPolicy(host_delay=0.0)) as fetcher:
        add_source(store, fetcher, outlet.url("/"), name="Fake", interval=INTERVAL)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KHABAR_LINKS": "events,stories", "NO_COLOR": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "khabar",
            "serve",
            "--watch",
            "--db",
            str(db),
            "--port",
            str(port),
            "--delay",
            "0",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    api = f"http://127.0.0.1:{port}/api"
    try:
        articles = len(outlet.article_urls())
        _wait_for(lambda: _get(f"{api}/stats")["documents"] >= articles, "the first round")
        before = _get(f"{api}/new")["latest"]
        outlet.add_article(
            "quagga-census-in-karakoram",
            "Quagga census in the Karakoram",
            "<p>Rangers counted a herd of zebroids near the Karakoram highway on Tuesday.</p>"
            "<p>The provincial wildlife department said the census would be repeated in spring.</p>",
        )
        hits = _wait_for(lambda: _get(f"{api}/search?q=zebroids")["items"], "the new article in /api/search")
        assert hits[0]["uri"].endswith("/quagga-census-in-karakoram/")
        new = _get(f"{api}/new?after={before}")
        assert new["new"] >= 1 and any(
            i["uri"].endswith("/quagga-census-in-karakoram/") for i in new["items"]
        )
    finally:
        server.terminate()
        server.communicate(timeout=30)
        outlet.stop()
