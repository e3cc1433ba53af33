"""What event extraction carries from one sentence to the next within a document."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.events.parse import DocView, Sentence


@dataclass
class Context:
    """What extraction carries from one sentence to the next within a document."""

    states: list[str] = field(default_factory=list)  # states of parties seen so far, in order
    event_states: list[str] = field(default_factory=list)  # states of the parties of events so far
    pending: list[Sentence] = field(default_factory=list)  # sentences whose states are not noted yet
    view: DocView | None = None
    accusers: list[str] = field(default_factory=list)  # actors of the last accusation
    last_actor: str | None = None
    published: str | None = None  # a usable publication date (ISO day, month or year)
    published_precision: str = "day"
    times: list[tuple[int, str, str, int]] = field(default_factory=list)  # (start, value, precision, index)
    done: list[Sentence] = field(default_factory=list)  # sentences already read, in order
    nouns: dict[str, str] = field(default_factory=dict)  # id of a common-noun argument -> as written
