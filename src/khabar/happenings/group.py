"""Which merged events are one happening: pure over the events of one day.

Two merged events are one happening when they are told by one document or by documents linked
as translations or copies of each other, fall on the same date, take place in the same place
(or one of them names none), and share their parties: a person or named body is a party of
both, or one of them names states only and they are the states the other's parties act for. A
happening holds at most one place, and its people never fall into two sets with no one in
common (an event of states only does not bridge two meetings). The grouping is recomputed whole
for a day whenever an event of that day changes, in event id order, so it never depends on the
order documents arrived in."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.happenings.parties import people, states


@dataclass(frozen=True)
class Item:
    """A merged event as the grouping weighs it: id, date, place, its merged record, documents."""

    id: str
    date: str | None
    place: str | None
    data: dict[str, Any]
    documents: tuple[str, ...]


@dataclass
class Group:
    """Events found to be one happening (ids sorted), their place and documents."""

    events: list[Item] = field(default_factory=list)
    place: str | None = None

    @property
    def id(self) -> str:
        """:func:`happening_id` of the group."""
        return happening_id(self.events[0].date, [e.id for e in self.events])


def happening_id(date: str | None, event_ids: Sequence[str]) -> str:
    """A happening's id from its date and the first of its event ids: the same events give the
    same id in every store, and a happening keeps its id while events join it."""
    return "hp-" + hashlib.sha1(f"{date or ''}|{min(event_ids)}".encode()).hexdigest()[:12]


def share_parties(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two merged records have a party in common (see the module docstring)."""
    pa, pb = people(a), people(b)
    if pa & pb:
        return True
    if pa and pb:
        return False  # two sets of people, none shared: two happenings
    sa, sb = states(a), states(b)
    return bool(sa) and sa == sb


def components(docs: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each document's group: itself and the documents linked to it as translations or copies,
    named by the group's smallest document id."""
    parent: dict[str, str] = {d: d for d in docs}

    def find(d: str) -> str:
        while parent.setdefault(d, d) != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {d: find(d) for d in list(parent)}


def group(items: Sequence[Item], links: Iterable[tuple[str, str]]) -> list[Group]:
    """The happenings of merged events (of one date, as the linker passes them), each event in
    exactly one, in order of their first event id; ``links`` are pairs of documents that are
    translations or copies of each other."""
    ordered = sorted(items, key=lambda i: i.id)
    comp = components((d for i in ordered for d in i.documents), links)
    root = list(range(len(ordered)))
    place: list[str | None] = [i.place for i in ordered]
    who: list[frozenset[str]] = [people(i.data) for i in ordered]

    def find(n: int) -> int:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    by_group: dict[str, list[int]] = {}
    for n, item in enumerate(ordered):
        for g in {comp[d] for d in item.documents}:
            by_group.setdefault(g, []).append(n)
    for members in by_group.values():
        for x, n in enumerate(members):
            for m in members[x + 1 :]:
                a, b = find(n), find(m)
                if a == b or ordered[n].date != ordered[m].date:
                    continue  # one happening is one day (the linker groups a date at a time)
                if not share_parties(ordered[n].data, ordered[m].data):
                    continue
                if place[a] and place[b] and place[a] != place[b]:
                    continue  # one happening takes place in one place
                if who[a] and who[b] and not who[a] & who[b]:
                    continue  # two sets of people, none shared (an event of states only between them)
                a, b = min(a, b), max(a, b)
                root[b] = a
                place[a] = place[a] or place[b]
                who[a] = who[a] | who[b]
    groups: dict[int, Group] = {}
    for n, item in enumerate(ordered):
        groups.setdefault(find(n), Group()).events.append(item)
    for r, found in groups.items():
        found.place = place[r]
    return [groups[r] for r in sorted(groups)]
