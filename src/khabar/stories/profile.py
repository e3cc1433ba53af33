"""What the story clusterer knows about one document: weighted entities, states, date, title."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import mul

from khabar.document import Document
from khabar.kb import KnowledgeBase
from khabar.stories.dates import ContentDate, content_date

# How much an entity of each kind says about *which* happening a page reports. People and
# named organisations identify it; a country is shared by most stories about it. Set by hand and
# checked on the seeds (Shoigu 2024 vs Belousov 2024 share only places) and the demo corpus.
PERSON_WEIGHT = 1.0
ORG_WEIGHT = 0.8
PLACE_WEIGHT = 0.8  # cities, facilities, regions inside a country
COUNTRY_WEIGHT = 0.4
REGION_WEIGHT = 0.3  # "East Asia", continents
UNLINKED_WEIGHT = 0.6  # a name outside the KB, clustered by its phonetic key ("u:...")

# Story centroids also hold coded event types as pseudo-entities "ev:TYPE" (not shown as entities).
EVENT_FEATURE = "ev:"

# Weight of each kind of coded event in a document (PLOVER type, as a pseudo-entity "ev:TYPE").
# Below a person's: the same kind of event happens in many stories.
EVENT_TYPE_WEIGHT = 0.5

# Unlinked names whose phonetic key is shorter than this are left out: keys such as "mr", "dr"
# or "lr" come from titles and abbreviations the tagger took for names (seen on COUNTER pages).
MIN_UNLINKED_KEY = 3

# Entities at or above this weight identify a happening; an episode must share one of them.
ANCHOR_WEIGHT = 0.6

# The entities of a document used to look up candidate stories (its heaviest). On the 1,300
# COUNTER pages of bench/dedup.py six give the same clusters as eight (795 vs 796 episodes) with
# fewer index rows to scan.
LOOKUP_ENTITIES = 6

_COUNTRY_KINDS = frozenset({"country"})
_REGION_KINDS = frozenset({"region", "continent"})


@dataclass
class Profile:
    """One document as the clusterer sees it."""

    id: str
    lang: str
    title: str
    outlet: str
    date: ContentDate | None
    entities: dict[str, float] = field(default_factory=dict)  # entity id -> weight
    states: dict[str, float] = field(default_factory=dict)  # state entity id -> weight
    names: dict[str, str] = field(default_factory=dict)  # entity id -> a surface form
    events: list[str] = field(default_factory=list)  # merged event ids
    anchors: set[str] = field(default_factory=set)  # entities that identify a happening
    norm: float = 0.0  # length of ``entities`` once weighted (set by the clusterer)

    def lookup(self) -> list[str]:
        """The heaviest entities (not event types, which every story has), used for candidate lookup."""
        ranked = sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))
        return [e for e, _ in ranked if not e.startswith(EVENT_FEATURE)][:LOOKUP_ENTITIES]


def kind_weight(entity: str, kb: KnowledgeBase) -> tuple[float, str]:
    """(weight, state) of an entity id: how much it identifies a story, and the state it belongs to."""
    known = kb.get(entity)
    if known is None:
        unlinked = entity.startswith("u:") and len(entity) - 2 >= MIN_UNLINKED_KEY
        return (UNLINKED_WEIGHT if unlinked else 0.0), ""
    if known.kind == "agency":
        return 0.0, ""  # a news agency is who reported it, not what happened
    if known.type == "PERSON":
        weight = PERSON_WEIGHT
    elif known.type == "ORG":
        weight = ORG_WEIGHT
    elif known.kind in _COUNTRY_KINDS:
        weight = COUNTRY_WEIGHT
    elif known.kind in _REGION_KINDS:
        weight = REGION_WEIGHT
    else:
        weight = PLACE_WEIGHT
    state = entity if known.kind in _COUNTRY_KINDS else known.country
    return weight, state


def build_profile(
    doc: Document, kb: KnowledgeBase, events: list[str] | None = None, today: date | None = None
) -> Profile:
    """The profile of ``doc``: entity weights ``kind weight × (1 + ln count)``, the states they
    belong to, its content date and the merged events it mentions."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in doc.mentions:
        if m.label == "ROLE" or not m.entity or m.entity.startswith("role:"):
            continue
        counts[m.entity] += 1
        if m.text:
            names.setdefault(m.entity, m.text)
    entities: dict[str, float] = {}
    states: dict[str, float] = {}
    anchors: set[str] = set()
    for entity, n in counts.items():
        weight, state = kind_weight(entity, kb)
        if weight <= 0:
            continue
        scale = 1.0 + math.log(n)
        entities[entity] = weight * scale
        if weight >= ANCHOR_WEIGHT:
            anchors.add(entity)
        if state:
            states[state] = states.get(state, 0.0) + scale
    # What happened, as coded by the events stage: an accusation and a signing between the same
    # parties on neighbouring days are different happenings.
    kinds = Counter(f"{EVENT_FEATURE}{e.type}" for e in doc.events if not (e.historical or e.hypothetical))
    for kind, n in kinds.items():
        entities[kind] = EVENT_TYPE_WEIGHT * (1.0 + math.log(n))
    return Profile(
        id=doc.id,
        lang=doc.lang,
        title=doc.title,
        outlet=doc.provenance.outlet or doc.source.outlet or "",
        date=content_date(doc, kb, today),
        entities=entities,
        states=states,
        names={e: names[e] for e in entities if e in names},
        events=list(events or []),
        anchors=anchors,
    )


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(map(mul, small.values(), map(large.get, small, repeat(0.0))))
    if dot <= 0:
        return 0.0
    na = math.sqrt(sum(map(mul, a.values(), a.values())))
    nb = math.sqrt(sum(map(mul, b.values(), b.values())))
    return dot / (na * nb)
