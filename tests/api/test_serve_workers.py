"""``khabar serve --workers 2``: two server processes answer on one port, with the token, the
upload limit and the store the command was given."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import httpx

from tests.browser.conftest import start_server, stop_server

TOKEN = "workers-token"


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn started under ``pid`` (not its resource tracker)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return [p for p in found if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]


def test_two_workers_serve_one_store_with_the_command_s_settings(tmp_path: Path) -> None:
    proc, url = start_server(tmp_path / "k.db", "--workers", "2", "--max-upload-mb", "0.01", token=TOKEN)
    try:
        deadline = time.monotonic() + 90
        while len(_workers(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert len(_workers(proc.pid)) == 2

        text = b"Peshawar: traders met the district officer on Monday about the new market rules."
        upload = {"file": ("note.txt", text, "text/plain")}
        assert httpx.post(url + "/api/ingest", files=upload).status_code == 401  # the token is needed
        big = {"file": ("big.txt", b"x" * 20_000, "text/plain")}
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.post(url + "/api/ingest", files=big, headers=headers).status_code == 413
        stored = httpx.post(url + "/api/ingest", files=upload, headers=headers, timeout=120)
        assert stored.status_code == 200, stored.text
        # Whichever worker answers, it reads the store the upload went into.
        for _ in range(8):
            hits = httpx.get(url + "/api/search", params={"q": "Peshawar"}, timeout=10).json()["items"]
            assert [h["id"] for h in hits] == stored.json()["documents"]
    finally:
        stop_server(proc)


def test_a_warm_app_compiles_every_page_before_its_first_request(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from khabar.api.app import create_app
    from khabar.api.templating import templates

    pages = templates.env.list_templates(extensions=["html"])
    templates.env.cache.clear()  # type: ignore[union-attr]
    with TestClient(create_app(tmp_path / "k.db", warm=True)):  # runs the app's start-up
        kept = {name for _loader, name in templates.env.cache}  # type: ignore[union-attr]
    assert len(pages) > 20 and set(pages) <= kept
    assert gc.get_freeze_count() > 0  # start-up's objects are left out of full collections
    gc.unfreeze()
