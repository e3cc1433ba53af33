"""A real server and a real browser: ``khabar serve`` on a free loopback port over a store of the seed
pages, the demo corpus and a hostile document, driven by Debian's chromium through Playwright.

One store, one server and one browser per session; each test gets a fresh browser context.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright

from khabar.config import Config
from khabar.document import Document, Segment, Source
from khabar.store.sqlite import SQLiteStore
from khabar.text.offsets import OffsetMap
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = Path("/usr/bin/chromium")
# The flags the issue prescribes: no sandbox (containers), no GPU, and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "browser-test-token"
# The duplicates linker encodes every document with the e5 model (~12 s of CPU for the seeds
# alone); the pages under test need entities, events, stories and happenings, not near-duplicate links.
LINKS = ("events", "stories", "happenings")
#: Text a hostile page could carry: it must render as text, never run or create elements.
HOSTILE_TEXT = (
    "Hostile page <script>alert(1)</script> and <img src=x onerror=alert(2)> "
    'and <svg onload="alert(3)"></svg> end of the hostile page.'
)


def hostile_document() -> Document:
    """A stored document whose title and text carry markup that would run if not escaped."""
    doc = Document(source=Source(uri="hostile.txt", kind="txt"), raw=HOSTILE_TEXT, text=HOSTILE_TEXT)
    doc.title = "Hostile <img src=x onerror=alert(4)> title"
    doc.lang, doc.script, doc.lang_confidence = "en", "Latn", 1.0
    doc.segments = [Segment(0, len(HOSTILE_TEXT), "body", "en", "Latn", 1.0)]
    doc.raw_map = OffsetMap.identity(len(HOSTILE_TEXT))
    return doc


@dataclass
class Server:
    """The running ``khabar serve``: its base URL, store, upload token and the ids of what it holds."""

    url: str
    db: Path
    token: str
    seeds: dict[str, str] = field(default_factory=dict)  # "000" … → document id
    hostile_id: str = ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(db: Path, *, seeds: bool = True) -> dict[str, str]:
    """Ingest the demo corpus (and the seed pages) into ``db``; return seed number → document id."""
    from khabar.jobs import ingest

    paths = [str(EXAMPLES)] + ([str(SEEDS)] if seeds else [])
    with SQLiteStore(db) as store:
        report = ingest(paths, store, Config(db=db, links=LINKS))
        assert report.stored >= 5, report
        return {
            Path(d.source.uri).name[:3]: d.id
            for d in store.documents()
            if Path(d.source.uri).parent.name == "seeds"
        }


def start_server(db: Path, *options: str, token: str = TOKEN) -> tuple[subprocess.Popen[bytes], str]:
    """``python -m khabar serve`` over ``db`` (with ``options``) on a free loopback port, once it
    answers."""
    port = _free_port()
    env = {**os.environ, "KHABAR_LINKS": ",".join(LINKS), "KHABAR_CONFIG": str(db) + ".no-config.toml"}
    command = [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--token", token, *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"khabar serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(url + "/api/stats", timeout=5).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("khabar serve did not answer within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server started by :func:`start_server`."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def require_chromium() -> None:
    """Fail (not skip) with the fix when Debian's chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test`, which installs chromium and fonts-noto-core "
            "(apt-get install chromium fonts-noto-core)",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``khabar serve`` over the demo corpus, the seed pages and a hostile document."""
    db = tmp_path_factory.mktemp("browser") / "khabar.db"
    seeds = build_store(db)
    with SQLiteStore(db) as store:
        hostile = hostile_document()
        store.put(hostile)
    proc, url = start_server(db)
    try:
        yield Server(url=url, db=db, token=TOKEN, seeds=seeds, hostile_id=hostile.id)
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, launched once per session."""
    require_chromium()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page in a fresh browser context, with every dialog the page tried to open."""

    page: Page
    dialogs: list[str]
    base: str

    def goto(self, path: str) -> None:
        """Open ``path`` on the test server and wait for it to load."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, (path, response and response.status)


@pytest.fixture
def tab(browser: Browser, server: Server) -> Iterator[Tab]:
    """A new context and page; dialogs are recorded and dismissed (none should ever open)."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield Tab(page, dialogs, server.url)
    context.close()
