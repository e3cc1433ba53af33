"""Happenings through the API and the pages on the seed store: the list and its filters, one
happening, bad input, and the <details> blocks of the events, entity and story pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PYONGYANG_LINE = (
    "2024-09-13 · Pyongyang · Sergei Shoigu (Russia) visits North Korea; meets Kim Jong Un; talks;"
    " intent to cooperate — 2 documents, ur + hi"
)


def _meeting(client: TestClient, **params: str) -> dict[str, object]:
    items = client.get(
        "/api/happenings", params={"since": "2024-09-13", "until": "2024-09-13", **params}
    ).json()
    [meeting] = [h for h in items["items"] if h["place"] and h["place"]["id"] == "loc:pyongyang"]
    return meeting


def test_the_pyongyang_meeting_by_name_in_any_script(client: TestClient, seed_ids: dict[str, str]) -> None:
    by_latin = _meeting(client, entity="Shoigu")
    assert _meeting(client, entity="شوئیگو")["id"] == by_latin["id"] == _meeting(client, entity="शोइगु")["id"]
    assert by_latin["line"] == PYONGYANG_LINE
    assert set(by_latin["documents"]) == {seed_ids["000"], seed_ids["001"]}
    assert {s["lang"] for s in by_latin["evidence"]} == {"ur", "hi"}
    assert _meeting(client, entity="Shoigu", reader="ur")["line"] == by_latin["lines"]["ur"]
    one = client.get(f"/api/happenings/{by_latin['id']}").json()
    assert one["id"] == by_latin["id"] and one["events"] == by_latin["events"]


def test_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/happenings", params={"limit": 200}).json()["items"]
    assert everything and all(h["events"] for h in everything)
    consult = client.get("/api/happenings", params={"type": "consult", "limit": 200}).json()["items"]
    assert consult and all("CONSULT" in h["types"] for h in consult)
    hindi = client.get("/api/happenings", params={"lang": "hi", "limit": 200}).json()["items"]
    assert hindi and all("hi" in h["languages"] for h in hindi) and len(hindi) < len(everything)
    early = client.get("/api/happenings", params={"until": "2023", "limit": 200}).json()["items"]
    assert early and all(h["date"].startswith("2023") for h in early)
    first = client.get("/api/happenings", params={"limit": 2}).json()
    assert [h["id"] for h in first["items"]] == [h["id"] for h in everything[:2]] and first["next"] == 2
    second = client.get("/api/happenings", params={"limit": 2, "offset": 2}).json()
    assert [h["id"] for h in second["items"]] == [h["id"] for h in everything[2:4]]


def test_story_filter(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"level": "thread"}).json()["items"]
    thread = max(stories, key=lambda s: s["documents"])
    of_story = client.get("/api/happenings", params={"story": thread["id"], "limit": 200}).json()["items"]
    assert any(h["line"] == PYONGYANG_LINE for h in of_story)
    assert client.get("/api/happenings", params={"story": "no-such-story"}).json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"since": "13-09-2024"},
        {"until": "2024/09"},
        {"reader": "fr"},
        {"limit": "0"},
        {"limit": "201"},
        {"offset": "-1"},
        {"type": "x" * 41},
        {"story": "a b"},
        {"lang": "x" * 17},
    ],
)
def test_bad_input_is_a_422(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/happenings", params=params).status_code == 422


def test_unknown_entity_and_happening_are_404(client: TestClient) -> None:
    assert client.get("/api/happenings", params={"entity": "Nobody Atall"}).status_code == 404
    assert client.get("/api/happenings/hp-000000000000").status_code == 404


def test_pages_list_happenings_expandable_without_javascript(client: TestClient) -> None:
    meeting = _meeting(client, entity="Shoigu")
    for path in ("/events", "/entity/per:sergei-shoigu"):
        html = client.get(path).text
        assert f'data-happening-id="{meeting["id"]}"' in html
        assert '<details class="happening">' in html and "Sergei Shoigu (Russia) visits North Korea" in html
        assert html.count('class="happening-event"') >= len(meeting["events"])
    stories = client.get("/api/stories", params={"level": "thread"}).json()["items"]
    thread = max(stories, key=lambda s: s["documents"])
    html = client.get(f"/story/{thread['id']}").text
    assert 'id="story-happenings"' in html and f'data-happening-id="{meeting["id"]}"' in html
    assert f'href="#{meeting["id"]}"' in html  # the timeline points at the happening
    # The common noun is the event's text, never a party linked as an entity.
    block = html.split('id="story-happenings"')[1].split("</section>")[0]
    assert '<span class="event-text" dir="auto">(گہرائی)</span>' in block
    assert "u:گہرائی" not in html and "گہرائی</a>" not in html
