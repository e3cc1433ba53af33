"""The pictures on the seeds: the Russia–North Korea thread's timeline chart with its four
episodes and a bar per active week, the week lists, the map with Pyongyang and Vostochny, the
dyad charts, the network, and the GeoJSON and story exports (API and command line)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.store.sqlite import SQLiteStore
from khabar.views.stories import story_of
from tests.conftest import khabar

NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def thread(seeds_db: Path, seed_ids: dict[str, str]) -> str:
    """The id of the thread seed 000 belongs to (Russia – North Korea)."""
    with SQLiteStore(seeds_db) as store:
        found = story_of(store, seed_ids["000"])
    assert found and found["thread"], "seed 000 is in no thread"
    return str(found["thread"]["id"])


def svg_by_id(html: str, chart_id: str) -> ET.Element:
    """The inline ``<svg id=chart_id>`` of a page, parsed as XML."""
    match = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.S)
    assert match, f"no svg#{chart_id} on the page"
    return ET.fromstring(match.group(0))


def test_story_chart_has_the_four_episodes_and_a_bar_per_active_week(client: TestClient, thread: str) -> None:
    page = client.get(f"/story/{thread}")
    assert page.status_code == 200
    chart = svg_by_id(page.text, "story-chart")
    bands = chart.findall(".//s:g[@class='band']", NS)
    assert [b.get("data-start") for b in bands] == ["2023-09-13", "2024-09-13", "2024-11-29", "2025-06-17"]
    bars = chart.findall(".//s:g[@class='bar']", NS)
    assert [b.get("data-key") for b in bars] == ["2023-09-11", "2024-09-09", "2024-11-25", "2025-06-16"]
    hrefs = [a.get("href") for a in chart.findall(".//s:g[@class='bar']/s:a", NS)]
    assert hrefs == [f"/story/{thread}?week={b.get('data-key')}#story-week" for b in bars]
    assert 'id="chart-episodes"' in page.text and page.text.count('data-episode="ep-') >= 8


def test_a_week_lists_its_happenings(client: TestClient, thread: str) -> None:
    page = client.get(f"/story/{thread}", params={"week": "2024-09-13"})
    assert page.status_code == 200
    section = page.text[page.text.index('id="story-week"') :]
    section = section[: section.index("</section>")]
    assert 'data-start="2024-09-09"' in page.text and 'data-end="2024-09-15"' in page.text
    assert 'id="week-happenings"' in section
    item = r'class="happening-item" data-happening-id="hp-[0-9a-f]+" data-date="([^"]+)"'
    dates = re.findall(item, section)
    assert dates and set(dates) == {"2024-09-13"}
    assert "Sergei Shoigu" in section and "Pyongyang" in section
    assert 'class="happening-event"' in section  # expandable to its events
    # The story's own list keeps the anchors; the week's second listing adds no duplicate ids.
    ids = re.findall(r' id="(hp-[0-9a-f]+)"', page.text)
    assert ids and len(ids) == len(set(ids))
    assert "/events?since=2024-09-09&amp;until=2024-09-15" in section
    # A day that is no date lists nothing and breaks nothing.
    assert 'id="story-week"' not in client.get(f"/story/{thread}", params={"week": "2024-13-45"}).text


def test_story_map_shows_pyongyang_and_vostochny(client: TestClient, thread: str) -> None:
    page = client.get(f"/story/{thread}").text
    chart = svg_by_id(page, "story-map")
    placed = {
        g.get("data-place"): int(g.get("data-count") or 0)
        for g in chart.findall(".//s:g[@class='place']", NS)
    }
    assert {"loc:pyongyang", "loc:vostochny-cosmodrome"} <= set(placed)
    assert placed["loc:pyongyang"] > placed["loc:vostochny-cosmodrome"]
    assert chart.findall(".//s:path[@data-country='408']", NS), "North Korea's outline is not drawn"


def test_dyad_charts_in_all_and_by_language(client: TestClient) -> None:
    page = client.get("/dyads", params={"a": "Russia", "b": "North Korea"})
    assert page.status_code == 200
    months = [
        b.get("data-key") for b in svg_by_id(page.text, "dyad-chart").findall(".//s:g[@class='bar']", NS)
    ]
    assert "2024-09" in months and months == sorted(months)
    for lang in ("ur", "hi"):
        assert svg_by_id(page.text, f"dyad-chart-{lang}").findall(".//s:g[@class='bar']", NS)
    bar = svg_by_id(page.text, "dyad-chart").find(".//s:g[@data-key='2024-09']/s:a", NS)
    assert bar is not None and "since=2024-09" in (bar.get("href") or "")


def test_map_and_network_pages(client: TestClient, thread: str) -> None:
    whole = client.get("/map").text
    assert {
        g.get("data-place") for g in svg_by_id(whole, "place-map").findall(".//s:g[@class='place']", NS)
    } >= {
        "loc:pyongyang",
        "loc:vostochny-cosmodrome",
    }
    assert 'id="map-places"' in client.get("/map", params={"story": thread}).text
    assert client.get("/map", params={"story": "no-such-story"}).status_code == 404
    net = svg_by_id(client.get("/network").text, "co-network")
    nodes = {
        g.get("data-entity"): int(g.get("data-documents") or 0)
        for g in net.findall(".//s:g[@class='node']", NS)
    }
    assert nodes.get("per:sergei-shoigu") == 3 and len(nodes) <= 20
    assert net.findall(".//s:line[@class='edge']", NS)
    story_net = svg_by_id(client.get("/network", params={"story": thread}).text, "co-network")
    assert story_net.findall(".//s:g[@data-entity='per:kim-jong-un']", NS)


def _valid_geojson(body: dict[str, object]) -> list[dict[str, object]]:
    """The features of an RFC 7946 FeatureCollection of points, checked."""
    assert body["type"] == "FeatureCollection"
    features = body["features"]
    assert isinstance(features, list)
    for feature in features:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    return features


def test_geojson_of_events_with_places(client: TestClient, thread: str) -> None:
    response = client.get("/api/events.geojson")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    features = _valid_geojson(response.json())
    places = {f["properties"]["place"] for f in features}  # type: ignore[index]
    assert {"loc:pyongyang", "loc:vostochny-cosmodrome"} <= places
    pyongyang = next(f for f in features if f["properties"]["place"] == "loc:pyongyang")  # type: ignore[index]
    assert pyongyang["geometry"]["coordinates"] == pytest.approx([125.754, 39.034], abs=0.01)  # type: ignore[index]
    story = _valid_geojson(client.get("/api/events.geojson", params={"story": thread}).json())
    assert story and len(story) <= len(features)
    assert _valid_geojson(client.get("/api/events.geojson", params={"since": "2030-01"}).json()) == []


def test_story_export_has_episodes_documents_and_events(client: TestClient, thread: str) -> None:
    body = client.get(f"/api/stories/{thread}/export").json()
    assert body["format"] == "khabar-story/1" and body["story"]["id"] == thread
    assert len(body["episodes"]) == 4 and len(body["documents"]) == 5
    assert body["events"] and all(e["id"].startswith("ev-") for e in body["events"])
    placed = [e for e in body["events"] if e.get("place") and "lat" in e["place"]]
    assert any(e["place"]["id"] == "loc:vostochny-cosmodrome" for e in placed)
    assert client.get("/api/stories/nope/export").status_code == 404


def test_khabar_export_geojson_and_story(seeds_db: Path, thread: str, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    code, _ = khabar("export", "--format", "geojson", "--db", str(seeds_db), "-o", str(out))
    assert code == 0
    assert len(_valid_geojson(json.loads(out.read_text("utf-8")))) >= 2
    story = tmp_path / "story.json"
    code, _ = khabar(
        "export", "--format", "story", "--story", thread, "--db", str(seeds_db), "-o", str(story)
    )
    assert code == 0 and len(json.loads(story.read_text("utf-8"))["episodes"]) == 4
    code, output = khabar("export", "--format", "story", "--db", str(seeds_db))
    assert code != 0 and "--story" in output
