"""Grouping rules of happenings on small hand-made merged events: one day, one place, shared
parties, one document or documents linked as translations."""

from __future__ import annotations

from typing import Any

from khabar.happenings.group import Item, components, group, happening_id, share_parties
from khabar.happenings.record import happening_record

SHOIGU, KIM, PUTIN = "per:sergei-shoigu", "per:kim-jong-un", "per:vladimir-putin"
RU, NK, US = "loc:russia", "loc:north-korea", "loc:united-states"
PYONGYANG, MOSCOW = "loc:pyongyang", "loc:moscow"


def _event(
    eid: str,
    docs: tuple[str, ...],
    *,
    date: str | None = "2024-09-13",
    place: str | None = PYONGYANG,
    type: str = "CONSULT",
    mode: str | None = "meet",
    actors: tuple[str, ...] = (SHOIGU,),
    recipients: tuple[str, ...] = (KIM,),
    states: tuple[tuple[str, ...], tuple[str, ...]] = ((RU,), (NK,)),
) -> Item:
    data: dict[str, Any] = {
        "type": type,
        "mode": mode,
        "date": date,
        "precision": "day",
        "place": place,
        "actors": list(actors),
        "recipients": list(recipients),
        "actor_states": list(states[0]),
        "recipient_states": list(states[1]),
        "hosts": [],
        "flags": {},
        "documents": list(docs),
        "languages": ["ur"],
    }
    return Item(eid, date, place, data, docs)


def _sizes(items: list[Item], links: list[tuple[str, str]] | None = None) -> list[list[str]]:
    return [[e.id for e in g.events] for g in group(items, links or [])]


def test_same_parties_day_and_place_are_one_happening() -> None:
    visit = _event("ev-1", ("d1",), mode="visit", recipients=(NK, KIM))
    meet = _event("ev-2", ("d1",))
    talks = _event("ev-3", ("d1",), mode="discuss", place=None, actors=(KIM, SHOIGU), recipients=())
    assert _sizes([talks, meet, visit]) == [["ev-1", "ev-2", "ev-3"]]


def test_another_day_is_another_happening() -> None:
    one = _event("ev-1", ("d1",))
    other = _event("ev-2", ("d1",), date="2024-09-14")
    assert _sizes([one, other]) == [["ev-1"], ["ev-2"]]


def test_another_place_is_another_happening() -> None:
    here = _event("ev-1", ("d1",))
    there = _event("ev-2", ("d1",), place=MOSCOW)
    unplaced = _event("ev-3", ("d1",), place=None, mode="discuss")
    groups = _sizes([here, there, unplaced])
    assert len(groups) == 2 and sorted(len(g) for g in groups) == [1, 2]  # one place per happening


def test_translations_are_merged_and_unlinked_documents_are_not() -> None:
    ur = _event("ev-1", ("d-ur",), mode="visit", recipients=(NK,))
    hi = _event("ev-2", ("d-hi",))
    assert _sizes([ur, hi]) == [["ev-1"], ["ev-2"]]  # two pages that are not one story's text
    assert _sizes([ur, hi], [("d-hi", "d-ur")]) == [["ev-1", "ev-2"]]
    # An event both pages tell (merged by the events linker) groups them without a link.
    both = _event("ev-3", ("d-ur", "d-hi"), mode="discuss")
    assert _sizes([ur, hi, both]) == [["ev-1", "ev-2", "ev-3"]]


def test_other_people_or_other_states_are_another_happening() -> None:
    meet = _event("ev-1", ("d1",))
    putin = _event("ev-2", ("d1",), actors=(PUTIN,), recipients=())
    accusation = _event(
        "ev-3",
        ("d1",),
        type="ACCUSE",
        mode=None,
        place=None,
        actors=(US,),
        recipients=(NK,),
        states=((US,), (NK,)),
    )
    treaty = _event(
        "ev-4",
        ("d1",),
        type="AGREE",
        mode="sign",
        place=None,
        actors=(RU, NK),
        recipients=(),
        states=((RU, NK), ()),
    )
    assert _sizes([meet, putin, accusation, treaty]) == [["ev-1", "ev-4"], ["ev-2"], ["ev-3"]]
    assert not share_parties(meet.data, accusation.data) and share_parties(meet.data, treaty.data)


def test_components_join_chains_of_links() -> None:
    comp = components(["a", "b", "c", "d"], [("b", "a"), ("c", "b")])
    assert comp["a"] == comp["b"] == comp["c"] == "a" and comp["d"] == "d"


def test_ids_are_content_derived_and_stable_when_events_join() -> None:
    first = _event("ev-1", ("d1",))
    (alone,) = group([first], [])
    (joined,) = group([first, _event("ev-9", ("d1",), mode="discuss")], [])
    assert alone.id == joined.id == happening_id("2024-09-13", ["ev-1"])
    assert happening_id("2024-09-14", ["ev-1"]) != alone.id


def test_record_line_in_three_languages() -> None:
    visit = _event("ev-1", ("d1",), mode="visit", recipients=(NK, KIM))
    meet = _event("ev-2", ("d1",))
    talks = _event("ev-3", ("d2",), mode="discuss", place=None, actors=(KIM, SHOIGU), recipients=())
    talks.data["languages"] = ["hi"]
    intent = _event(
        "ev-4", ("d1",), type="AGREE", mode="intent", place=None, actors=(KIM, SHOIGU), recipients=()
    )
    (g,) = group([visit, meet, talks, intent], [("d2", "d1")])
    record = happening_record(g)
    assert record["lines"]["en"] == (
        "2024-09-13 · Pyongyang · Sergei Shoigu (Russia) visits North Korea; meets Kim Jong Un; talks;"
        " intent to cooperate — 2 documents, ur + hi"
    )
    assert record["lines"]["ur"].startswith("2024-09-13 · پیونگ یانگ · سرگئی شوئیگو (روس):")
    assert "सर्गेई शोइगु" in record["lines"]["hi"]
    assert record["parties"][0] == SHOIGU and record["documents"] == ["d1", "d2"]
    assert [e["mode"] for e in record["events"]] == ["visit", "meet", "discuss", "intent"]
