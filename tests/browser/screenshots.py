"""Screenshots of the main pages for the README: `make screenshots` (`python -m tests.browser.screenshots`).

Builds a temporary store of the demo corpus (``examples/``), serves it with ``khabar serve`` on a
free loopback port and saves PNGs of the search, Urdu document, Hindi document, entity, story,
alert, map, network and dyad pages (and of the story's map and network sections) with Debian's
chromium. The demo corpus is fiction written for Khabar, so the pictures
carry no third-party article text; ``--seeds`` adds the five seed pages to the store as well (for a
local look, not for committing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from khabar.store.sqlite import SQLiteStore
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, build_store, start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 900}
# Demo documents shown: a page in Urdu (right to left) and one in Hindi, both with entities.
URDU_DOCUMENT = "ur_sada_hamdani_arrives.txt"
HINDI_DOCUMENT = "hi_seemant_india_watch.txt"
SEARCH_QUERY = "Tashkent"  # Latin script: the knowledge base adds its Urdu and Hindi spellings
ENTITY = "loc:tashkent"


def _doc_id(db: Path, file_name: str) -> str:
    with SQLiteStore(db) as store:
        row = store.conn.execute("SELECT id FROM documents WHERE uri LIKE ?", ("%/" + file_name,)).fetchone()
    if row is None:
        raise SystemExit(f"{file_name} is not in the demo store; is examples/ complete?")
    return str(row[0])


def _alert(db: Path) -> None:
    """An alert on the demo entity that looked back over the store, so its page has items."""
    from khabar.alerts.check import check_alerts
    from khabar.alerts.saved import create_alert

    with SQLiteStore(db) as store:
        create_alert(store, SEARCH_QUERY, look_back=True)
        check_alerts(store)


def _top_dyad(db: Path) -> str:
    """The dyad page of the two states most often on either side of the same demo event."""
    from collections import Counter

    pairs: Counter[tuple[str, str]] = Counter()
    with SQLiteStore(db) as store:
        for row in store.events.find(limit=10_000):
            states = sorted(set(row.data.get("actor_states", []) + row.data.get("recipient_states", [])))
            pairs.update((a, b) for i, a in enumerate(states) for b in states[i + 1 :])
    if not pairs:
        return "/dyad"
    (a, b), _n = pairs.most_common(1)[0]
    return f"/dyad?a={a}&b={b}"


def _biggest_story(page: Page, base: str) -> str:
    page.goto(base + "/stories")
    hrefs = page.locator("#story-list a.story-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    best, most = "", -1
    for href in hrefs:
        page.goto(base + href)
        n = page.locator("ol#story-docs li").count()
        if n > most:
            best, most = href, n
    if not best:
        raise SystemExit("no story formed from the demo corpus")
    return best


def take(out: Path, *, seeds: bool) -> list[Path]:
    """Build the store, serve it, and save one PNG per main page into ``out``."""
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make apt` (apt-get install chromium fonts-noto-core)")
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_store(db, seeds=seeds)
        _alert(db)
        pages = {
            "search": f"/search?q={SEARCH_QUERY}",
            "document-urdu": f"/document/{_doc_id(db, URDU_DOCUMENT)}",
            "document-hindi": f"/document/{_doc_id(db, HINDI_DOCUMENT)}",
            "entity": f"/entity/{ENTITY}",
            "alert": "/alerts/1",
            "map": "/map",
            "network": "/network",
            "dyad": _top_dyad(db),
        }
        #: Sections of the story page saved on their own: name -> CSS selector.
        sections = {"story-map": "#story-map-section", "story-network": "#story-network-section"}
        proc, base = start_server(db)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=VIEWPORT, locale="en-US")  # type: ignore[arg-type]
                pages["story"] = _biggest_story(page, base)
                for name, path in pages.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}.png"
                    page.screenshot(path=str(target))
                    saved.append(target)
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  ← {path}")
                page.goto(base + pages["story"])
                for name, selector in sections.items():
                    target = out / f"{name}.png"
                    page.locator(selector).screenshot(path=str(target))
                    saved.append(target)
                    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
                    print(f"{shown}  ← {selector}")
                browser.close()
        finally:
            stop_server(proc)
    return saved


def main() -> None:
    """Parse the arguments and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--seeds", action="store_true", help="also ingest the seed pages (../shared/seeds)")
    args = parser.parse_args()
    take(args.out, seeds=args.seeds)


if __name__ == "__main__":
    sys.exit(main())
