"""What the pictures show, read from the store: a story's events per week by PLOVER quad with its
episodes, a dyad per month (in all and by language), places with their events, and co-mention
networks. Each function returns the plain inputs of :mod:`khabar.views.charts`."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode

from khabar.events.ontology import QUADS
from khabar.kb import load_kb
from khabar.kb.places import coordinates
from khabar.store.base import EventRow, Store
from khabar.stories.profile import EVENT_FEATURE
from khabar.views.charts.bars import Band, Column
from khabar.views.charts.network import Edge, Node
from khabar.views.charts.worldmap import Place
from khabar.views.entities import entity_name

#: Events read at most for a store-wide picture (the map, a dyad).
MAX_EVENTS = 10_000
#: Entities in a co-mention network.
TOP_ENTITIES = 20
PARTY_ROLES = ("actors", "recipients", "actor_states", "recipient_states")


def day_of(value: str | None) -> dt.date | None:
    """The day of an ISO date given to the day ("2024-09-13"), else None (months, years, "XXXX-…")."""
    if not value or len(value) < 10 or value.startswith("X"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def span_of(value: str | None, *, end: bool = False) -> dt.date | None:
    """The first (or, with ``end``, last) day of an ISO date, month or year; None when undated."""
    if not value or value.startswith("X"):
        return None
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        year = int(value[:4])
        if len(value) >= 7:
            month = int(value[5:7])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        return None


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def story_events(store: Store, story: dict[str, Any]) -> list[dict[str, Any]]:
    """The merged events the story's documents mention (``id``, ``type``, ``mode``, ``date``, ``place``)."""
    return store.stories.mentioned_events([d["id"] for d in story.get("documents") or []])


#: A story whose dated events and episodes span at most this many days gets a bar per day.
DAILY_UP_TO = 42


def bucket_days(events: list[dict[str, Any]], episodes: list[dict[str, Any]]) -> int:
    """1 (a bar per day) for a story spanning at most :data:`DAILY_UP_TO` days, else 7 (per week)."""
    days = [d for e in events if (d := day_of(e.get("date")))]
    days += [d for ep in episodes for k in ("start", "end") if (d := span_of(ep.get(k)))]
    return 1 if days and (max(days) - min(days)).days <= DAILY_UP_TO else 7


def bucket_start(day: dt.date, days: int) -> dt.date:
    """The first day of the bar ``day`` falls in: the day itself, or its week's Monday."""
    return day if days == 1 else week_start(day)


def story_weeks(
    story: dict[str, Any], events: list[dict[str, Any]], days: int = 7
) -> tuple[list[Column], list[Band], int]:
    """A bar per week (or, with ``days=1``, per day) with events dated to the day, linking to
    that week (day) on the story page; a band per episode; and how many events are dated only
    to a month or year, or not at all."""
    weeks: dict[dt.date, Counter[str]] = {}
    vague = 0
    for event in events:
        day = day_of(event.get("date"))
        if day is None:
            vague += 1
            continue
        weeks.setdefault(bucket_start(day, days), Counter())[QUADS.get(str(event.get("type")), "other")] += 1
    sid = quote(str(story["id"]), safe="")
    param, name = ("day", "") if days == 1 else ("week", "week of ")
    columns = [
        Column(
            key=start.isoformat(),
            start=start,
            days=days,
            counts=dict(counts),
            label=f"{name}{start.isoformat()}",
            href=f"/story/{sid}?{param}={start.isoformat()}#story-week",
        )
        for start, counts in sorted(weeks.items())
    ]
    bands = []
    for number, episode in enumerate(story.get("episodes") or [], start=1):
        start, end = (
            span_of(episode.get("start")),
            span_of(episode.get("end") or episode.get("start"), end=True),
        )
        if start is None or end is None:
            continue
        titles = episode.get("title") or {}
        lang = (episode.get("languages") or [None])[0]
        label = titles.get(lang) or next(iter(titles.values()), "") or episode["id"]
        bands.append(
            Band(
                str(episode["id"]),
                start,
                max(end, start),
                str(label),
                number,
                "/story/" + quote(episode["id"]),
            )
        )
    return columns, bands, vague


def week_ids(items: list[dict[str, Any]], first: dt.date, days: int = 7) -> list[str]:
    """Ids of the events (or happenings) dated to a day from ``first`` on, for ``days`` days, in
    date order."""
    last = first + dt.timedelta(days=days - 1)
    found = [e for e in items if (day := day_of(e.get("date"))) is not None and first <= day <= last]
    return [str(e["id"]) for e in sorted(found, key=lambda e: (str(e.get("date")), str(e["id"])))]


def _parties(row: EventRow) -> set[str]:
    return {p for role in PARTY_ROLES for p in row.data.get(role) or []}


def dyad_events(store: Store, a: str, b: str) -> list[EventRow]:
    """Events with both ``a`` and ``b`` (entities or states) as parties, either way round."""
    return [row for row in store.events.find(entity=a, limit=MAX_EVENTS) if b in _parties(row)]


def _month_columns(rows: Iterable[EventRow], href: str) -> list[Column]:
    months: dict[str, Counter[str]] = {}
    for row in rows:
        if row.date and not row.date.startswith("X") and len(row.date) >= 7:
            months.setdefault(row.date[:7], Counter())[QUADS.get(row.type, "other")] += 1
    out = []
    for month, counts in sorted(months.items()):
        start = span_of(month)
        if start is None:
            continue
        days = calendar.monthrange(start.year, start.month)[1]
        link = f"{href}&{urlencode({'since': month, 'until': month})}"
        out.append(Column(month, start, days, dict(counts), label=month, href=link))
    return out


def dyad_months(store: Store, a: str, b: str) -> tuple[list[Column], dict[str, list[Column]]]:
    """Bars per month of the events between ``a`` and ``b``: all of them, and per language of the
    documents telling them (an event told in Urdu and Hindi counts in both)."""
    rows = dyad_events(store, a, b)
    href = "/events?" + urlencode({"entity": a})
    by_lang: dict[str, list[EventRow]] = {}
    for row in rows:
        for lang in row.data.get("languages") or ["und"]:
            by_lang.setdefault(str(lang), []).append(row)
    return _month_columns(rows, href), {
        lang: _month_columns(found, href) for lang, found in sorted(by_lang.items())
    }


def places_of(
    place_refs: Iterable[str | None], names: dict[str, str] | None = None
) -> tuple[list[Place], int]:
    """A dot per place with coordinates, sized by its events, and the events at places without any."""
    counts = Counter(ref for ref in place_refs if ref)
    places, unplaced = [], 0
    for ref, n in sorted(counts.items()):
        point = coordinates(ref)
        if point is None:
            unplaced += n
            continue
        name = entity_name(ref, (names or {}).get(ref))
        places.append(Place(ref, name, point.lat, point.lon, n, "/entity/" + quote(ref, safe=":")))
    return places, unplaced


def store_places(
    store: Store, *, since: str | None = None, until: str | None = None
) -> tuple[list[Place], int]:
    """The places of the store's events (at most :data:`MAX_EVENTS`, newest first) in a date range."""
    rows = store.events.find(since=since, until=until, limit=MAX_EVENTS)
    names = {row.place: row.data.get("names", {}).get(row.place, "") for row in rows if row.place}
    return places_of((row.place for row in rows), names)


def _network(
    docs_of: dict[str, set[str]], surfaces: dict[str, str], kinds: dict[str, str]
) -> tuple[list[Node], list[Edge]]:
    kb = load_kb()
    nodes = []
    for ref, docs in sorted(docs_of.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        known = kb.get(ref)
        kind = known.type if known else kinds.get(ref, "")
        name = entity_name(ref, surfaces.get(ref))
        nodes.append(Node(ref, name, len(docs), kind, "/entity/" + quote(ref, safe=":")))
    ids = [n.id for n in nodes]
    edges = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = len(docs_of[a] & docs_of[b])
            if shared:
                edges.append(Edge(a, b, shared))
    return nodes, edges


def _documents_of(
    store: Store, refs: Iterable[str], within: set[str] | None = None
) -> tuple[dict[str, set[str]], dict[str, str]]:
    """The documents mentioning each entity (only those ``within``) and its commonest spelling."""
    out, surfaces = {}, {}
    for ref in refs:
        rows = [r for r in store.entity_mentions([ref]) if within is None or r[0] in within]
        if rows:
            out[ref] = {r[0] for r in rows}
            surfaces[ref] = (
                Counter(r[1] for r in rows if r[1]).most_common(1)[0][0] if any(r[1] for r in rows) else ""
            )
    return out, surfaces


def story_network(
    store: Store, story: dict[str, Any], top: int = TOP_ENTITIES
) -> tuple[list[Node], list[Edge]]:
    """The story's most weighted entities, sized by the story documents mentioning each."""
    refs = [
        row.entity
        for row in store.stories.entities_by_weight([story["id"]])
        if not row.entity.startswith(EVENT_FEATURE) and not row.entity.startswith("role:")
    ][:top]
    within = {d["id"] for d in story.get("documents") or []}
    docs_of, surfaces = _documents_of(store, refs, within)
    return _network(docs_of, surfaces, {})


def store_network(store: Store, top: int = TOP_ENTITIES) -> tuple[list[Node], list[Edge]]:
    """The store's ``top`` most mentioned entities (roles left out) and their co-mentions."""
    rows = [r for r in store.entity_counts() if r[1] != "ROLE" and not r[0].startswith("role:")][:top]
    docs_of, surfaces = _documents_of(store, [r[0] for r in rows])
    return _network(docs_of, surfaces, {r[0]: r[1] for r in rows})
