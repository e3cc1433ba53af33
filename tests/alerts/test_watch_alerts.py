"""A watch round is ingest batches too: an article that names a watched person becomes an item
and is posted to the alert's webhook once, and the next round adds only what is new."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from khabar.alerts import deliver
from khabar.alerts.saved import create_alert
from khabar.config import load_config
from khabar.fetch import Fetcher, FetchPolicy
from khabar.monitor import Watcher, WatchOptions, add_source
from khabar.store.sqlite import SQLiteStore
from tests.support.outlet import Article, Outlet
from tests.support.receiver import Receiver

POLICY = FetchPolicy(host_delay=0.0, deadline=2.0, read_timeout=2.0, retries=0)
SHOIGU = (
    "<p>Sergei Shoigu, the secretary of Russia's Security Council, arrived in Pyongyang on Tuesday"
    " for talks with Kim Jong Un on defence cooperation between the two countries.</p>"
    "<p>The visit follows the treaty the two governments signed in June.</p>"
)
WEATHER = (
    "<p>Heavy rain fell across Lahore on Wednesday, flooding several roads in the old city.</p>"
    "<p>The weather office expects more showers over the weekend.</p>"
)


def _article(slug: str, title: str, body: str, day: int) -> Article:
    published = datetime(2025, 6, day, 9, tzinfo=UTC)
    return Article(slug, title, body, "en", published, f"/news/2025/06/{day:02d}/{slug}/")


def test_a_watched_article_naming_shoigu_becomes_one_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deliver, "BACKOFF", 0.0)
    outlet = Outlet(
        crawl_delay=None,
        faults=False,
        eval_pages=0,
        articles=[
            _article("shoigu-visit", "Shoigu arrives in Pyongyang", SHOIGU, 3),
            _article("rain", "Rain floods Lahore", WEATHER, 4),
        ],
    ).start()
    config = load_config(None, env={}, db=tmp_path / "k.db", links=("events",))
    store = SQLiteStore(config.db)
    watcher = Watcher(
        store, config, WatchOptions(policy=POLICY, warc_dir=tmp_path / "warc"), fetcher=Fetcher(POLICY)
    )
    try:
        with Receiver(fail_first=1) as hook:
            alert = create_alert(store, "Shoigu", webhook=hook.url)
            add_source(store, watcher.fetcher, outlet.url("/rss.xml"), name="Fake Outlet")
            watcher.round()
            (item,) = store.alerts.items(alert.id)
            stored = store.summaries([item.doc_id])[item.doc_id]
            assert stored["uri"] == outlet.url("/news/2025/06/03/shoigu-visit/")
            assert item.matched["entity"] == "per:sergei-shoigu" and item.delivered
            assert hook.attempts == 2 and [b["item"]["id"] for b in hook.received] == [item.id]
            outlet.add_article("more-rain", "More rain in Lahore", WEATHER.replace("Wednesday", "Friday"))
            with store.conn:  # the feed is due again, as after its interval
                store.conn.execute("UPDATE sources SET next_poll = 0")
            watcher.round()
            assert [i.id for i in store.alerts.items(alert.id)] == [item.id]
            assert store.alerts.last_document() == 3 == store.alerts.all()[0].checked
            assert hook.attempts == 2
    finally:
        watcher.close()
        store.close()
        outlet.stop()
