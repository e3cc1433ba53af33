"""Which event mentions are one happening, and what the merged event says: the decisions of the
``events`` linker (:mod:`khabar.linkers.events`), pure over the rows it reads from the store.

Incremental: for every new event mention the store is asked only for merged events of the same
type that share a party state; :func:`best_candidate` then checks them for compatible modes, the
same set of states, and dates within :data:`DAY_WINDOW`. A merged event's record is recomputed
from its own mentions only (:func:`merged_record`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from khabar.dates import same_day_possible
from khabar.document import Event
from khabar.events.ontology import SYMMETRIC_MODES
from khabar.events.states import state_of
from khabar.kb import load_kb

#: Days two day-level dates may differ and still be one happening: a meeting reported on the
#: next day by an agency ("14 September, KCNA said") and dated by the story's own lead.
DAY_WINDOW = 2
#: Modes of one happening seen from its two sides (a visit is hosted).
PAIRED_MODES = ({"visit", "host"},)
#: The mode a merged event takes from its mentions: the most specific one.
MODE_PRIORITY = ("visit", "meet", "host", "phone", "multilateral", "sign", "intent", "discuss")


def event_key(doc_id: str, idx: int) -> str:
    """The id of the merged event first seen as event ``idx`` of document ``doc_id``."""
    return "ev-" + hashlib.sha1(f"{doc_id}:{idx}".encode()).hexdigest()[:12]


def dates_compatible(a: str | None, b: str | None, window: int = DAY_WINDOW) -> bool:
    """Whether two ISO dates (``XXXX`` years, month or year precision allowed) can be one day,
    two day-level dates being at most ``window`` days apart."""
    return same_day_possible(a, b, window)


def modes_compatible(a: str | None, b: str | None) -> bool:
    """Whether two modes of one type can describe one happening."""
    if a == b or a is None or b is None:
        return True
    if a in SYMMETRIC_MODES and b in SYMMETRIC_MODES:
        return True
    return any(a in pair and b in pair for pair in PAIRED_MODES)


def _states(event: Event | dict[str, Any]) -> frozenset[str]:
    if isinstance(event, Event):
        return frozenset(event.actor_states) | frozenset(event.recipient_states)
    return frozenset(event.get("actor_states", [])) | frozenset(event.get("recipient_states", []))


def mergeable(event: Event) -> bool:
    """Whether an event names a state on either side (only those are merged across documents)."""
    return bool(event.actor_states or event.recipient_states)


def party_states(event: Event) -> list[str]:
    """The states an event's parties act for, sorted (merge candidates share one of them)."""
    return sorted(_states(event))


#: A merged event as the merge weighs it: (id, mode, date, merged record).
Candidate = tuple[str, str | None, str | None, dict[str, Any]]


def best_candidate(doc_id: str, event: Event, candidates: Iterable[Candidate]) -> str | None:
    """The merged event (of the same type, sharing a state) that ``event`` of document ``doc_id``
    is a mention of, or None: the same states, compatible modes and flags, dates within the
    window; the same mode first, then the most shared people."""
    states = _states(event)
    best: tuple[tuple[int, int], str] | None = None
    for event_id, mode, when, merged in candidates:
        if _states(merged) != states or not modes_compatible(mode, event.mode):
            continue
        if bool(merged.get("flags", {}).get("negated")) != event.negated:
            continue
        if bool(merged.get("flags", {}).get("hypothetical")) != event.hypothetical:
            continue
        same_doc = doc_id in merged.get("documents", [])
        paired = any(mode in pair and event.mode in pair for pair in PAIRED_MODES)
        # A meeting and talks on other days are other happenings; a visit and its hosting are not.
        window = DAY_WINDOW if mode == event.mode or mode is None or event.mode is None or paired else 0
        if not (
            dates_compatible(when, event.time, window) or (same_doc and (when is None or event.time is None))
        ):
            continue
        people = len(
            set(merged.get("actors", []) + merged.get("recipients", []))
            & set(event.actors + event.recipients)
        )
        score = (int(mode == event.mode), people)
        if best is None or score > best[0]:
            best = (score, event_id)
    return best[1] if best else None


def merged_record(mentions: Sequence[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
    """A merged event's record recomputed from its mentions, each (document id, its language, the
    event's record), in document order: :func:`combine` plus the documents and languages."""
    merged = combine([record for _doc, _lang, record in mentions])
    merged["documents"] = list(dict.fromkeys(doc for doc, _lang, _record in mentions))
    merged["languages"] = list(dict.fromkeys(lang for _doc, lang, _record in mentions))
    return merged


def parties(merged: dict[str, Any]) -> list[tuple[str, str]]:
    """(entity, role) of a merged record's parties, sorted; roles are ``actor``, ``recipient``,
    ``actor_state`` and ``recipient_state``."""
    found = {
        (entity, role)
        for role in ("actors", "recipients", "actor_states", "recipient_states")
        for entity in merged[role]
    }
    return [(entity, role.rstrip("s")) for entity, role in sorted(found)]


_PRECISION = {"day": 3, "month": 2, "year": 1}


def combine(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged record of several event mentions (annotation dicts of :class:`Event`)."""
    first = mentions[0]
    modes = [m.get("mode") for m in mentions if m.get("mode")]
    mode = (
        min(modes, key=lambda m: MODE_PRIORITY.index(m) if m in MODE_PRIORITY else len(MODE_PRIORITY))
        if modes
        else None
    )
    actors: list[str] = []
    recipients: list[str] = []
    hosts: list[str] = []
    names: dict[str, str] = {}
    # Specific mentions first (one party acting on another), so a "both sides" mention adds no
    # parties the others already place.
    for m in sorted(mentions, key=lambda m: (m.get("mode") != mode, not m.get("recipients"))):
        acts, recs = list(m.get("actors", [])), list(m.get("recipients", []))
        for ids, texts in ((acts, m.get("actor_text", [])), (recs, m.get("recipient_text", []))):
            for i, entity in enumerate(ids):
                if i < len(texts) and texts[i]:
                    names.setdefault(entity, texts[i])
        if m.get("mode") == "host" and mode == "visit":
            hosts.extend(h for h in acts if h not in hosts)
            acts, recs = recs, acts
        actors.extend(a for a in acts if a not in actors and a not in recipients)
        recipients.extend(r for r in recs if r not in recipients and r not in actors)
    actors, recipients = _specific(actors, recipients)
    when, precision = _best_date(mentions)
    day = when if when and not when.startswith("X") else None
    actor_states = _unique(state_of(a, day) for a in actors)
    recipient_states = [s for s in _unique(state_of(r, day) for r in recipients) if s not in actor_states]
    if not actor_states and not recipient_states:
        actor_states = _unique(s for m in mentions for s in m.get("actor_states", []))
        recipient_states = _unique(s for m in mentions for s in m.get("recipient_states", []))
    places = Counter(m["place"] for m in mentions if m.get("place"))
    return {
        "type": first["type"],
        "mode": mode,
        "date": when,
        "precision": precision,
        "place": places.most_common(1)[0][0] if places else None,
        "actors": actors,
        "recipients": recipients,
        "actor_states": actor_states,
        "recipient_states": recipient_states,
        "hosts": hosts,
        "names": names,
        # Common-noun arguments as written ("گہرائی"): the event's text, never parties.
        "actor_nouns": _unique(n for m in mentions for n in m.get("actor_nouns", [])),
        "recipient_nouns": _unique(n for m in mentions for n in m.get("recipient_nouns", [])),
        "flags": {
            flag: all(bool(m.get(flag)) for m in mentions)
            for flag in ("negated", "hypothetical", "future", "historical")
        },
        "confidence": max(float(m.get("confidence", 0.0)) for m in mentions),
    }


def _unique(items: Iterable[str | None]) -> list[str]:
    return [i for i in dict.fromkeys(items) if i]


def _specific(actors: list[str], recipients: list[str]) -> tuple[list[str], list[str]]:
    """Drop a state from the actors when a person or body acting for it is a party already (a
    "both sides" mention names the states of the two people who met)."""
    covered = {state_of(p) for p in actors + recipients if not _is_state(p)}
    kept = [a for a in actors if not _is_state(a) or a not in covered]
    return kept or actors, recipients


def _is_state(entity: str) -> bool:
    found = load_kb().get(entity)
    return found is not None and found.type == "LOC"


def _best_date(mentions: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The date found closest to the trigger (its sentence, then paragraph, document, publication),
    with a known year and the finest precision; among equals the most common, then the earliest."""
    dated = [
        (m["time"], m.get("time_precision") or "day", m.get("time_source", ""))
        for m in mentions
        if m.get("time")
    ]
    if not dated:
        return None, None

    def rank(item: tuple[str, str, str]) -> tuple[int, int, int]:
        source = _SOURCES.index(item[2]) if item[2] in _SOURCES else len(_SOURCES)
        return (int(not item[0].startswith("X")), _PRECISION.get(item[1], 0), -source)

    top = max(rank(d) for d in dated)
    counts = Counter((d[0], d[1]) for d in dated if rank(d) == top)
    most = max(counts.values())
    return min(d for d in counts if counts[d] == most)


_SOURCES = ("sentence", "paragraph", "document", "published")
