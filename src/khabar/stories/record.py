"""A story held in memory while a batch is clustered: its row, parsed data and entity centroid."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul
from typing import Any

from khabar.store.base import StoryEntityRow, StoryRow
from khabar.stories.titles import story_titles


@dataclass
class StoryRecord:
    """A story row with its entity centroid, held in memory while a batch is clustered."""

    id: str
    level: str  # episode | thread
    parent: str | None = None
    start: str | None = None
    end: str | None = None
    raw_data: str | None = None  # the stored JSON, parsed on first use of :attr:`data`
    weights: dict[str, float] = field(default_factory=dict)  # entity -> summed weight (the centroid)
    documents: dict[str, int] = field(default_factory=dict)  # entity -> documents mentioning it
    norm2: float = 0.0  # squared length of the centroid, kept up to date
    changed: set[str] = field(default_factory=set)  # entities to write back
    new: bool = False
    _data: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        """The ``data`` JSON of the story (parsed when first used: most candidates loaded for a
        batch are ruled out by their entities or dates alone)."""
        if self._data is None:
            self._data = json.loads(self.raw_data) if self.raw_data else {}
            self.raw_data = None
        return self._data

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self._data = value
        self.raw_data = None

    def add_entities(self, vector: dict[str, float]) -> None:
        """Add one document's entity weights to the centroid, keeping its squared length current."""
        weights, documents, changed = self.weights, self.documents, self.changed
        norm2 = self.norm2
        for entity, weight in vector.items():
            old = weights.get(entity, 0.0)
            weights[entity] = old + weight
            norm2 += (old + weight) ** 2 - old * old
            documents[entity] = documents.get(entity, 0) + 1
        self.norm2 = norm2
        changed.update(vector)

    def similarity(self, vector: dict[str, float], norm: float = 0.0) -> float:
        """Cosine similarity of an entity vector (of length ``norm``, computed when 0) with the centroid."""
        if not vector or self.norm2 <= 0:
            return 0.0
        # The products in the vector's order, as a generator would sum them, at C speed.
        dot = sum(map(mul, vector.values(), map(self.weights.get, vector, repeat(0.0))))
        if dot <= 0:
            return 0.0
        norm = norm or math.sqrt(sum(map(mul, vector.values(), vector.values())))
        return float(dot / (norm * math.sqrt(self.norm2)))


def from_rows(stories: Iterable[StoryRow], entities: Iterable[StoryEntityRow]) -> dict[str, StoryRecord]:
    """Stored story rows and their centroid entities as records, by id."""
    out = {s.id: StoryRecord(s.id, s.level, s.parent, s.start, s.end, raw_data=s.data) for s in stories}
    for sid, entity, weight, docs in entities:
        story = out[sid]
        story.weights[entity] = weight
        story.documents[entity] = docs
        story.norm2 += weight * weight
    return out


def to_rows(stories: Iterable[StoryRecord]) -> tuple[list[StoryRow], list[StoryEntityRow]]:
    """The rows that write ``stories`` back: each story, titled in English when it can be, and
    its changed centroid entities; the records are marked written (nothing changed, not new)."""
    rows: list[StoryRow] = []
    ents: list[StoryEntityRow] = []
    for s in stories:
        titles = story_titles(s.data)
        title = titles.get("en") or next(iter(titles.values()), "")
        rows.append(
            StoryRow(s.id, s.level, s.parent, title, s.start, s.end, json.dumps(s.data, ensure_ascii=False))
        )
        ents.extend(StoryEntityRow(s.id, e, s.weights[e], s.documents[e]) for e in sorted(s.changed))
        s.changed.clear()
        s.new = False
    return rows, ents
