"""Who takes part in an event, as happenings weigh it: people and named bodies first, states
beside them. Only named parties are ever here: a common noun is event text
(:attr:`khabar.document.Event.actor_nouns`), never a party."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from khabar.kb import load_kb


def is_place(entity: str) -> bool:
    """Whether ``entity`` is a state, a city or another place of the KB."""
    found = load_kb().get(entity)
    return found is not None and found.type == "LOC"


def named(entity: str) -> bool:
    """Whether ``entity`` can be a party: a KB entity or a name the tagger found (``u:…``)."""
    return bool(entity) and (entity in load_kb() or entity.startswith("u:"))


def people(event: Mapping[str, Any]) -> frozenset[str]:
    """The parties of a merged event that are not places: people, organisations, named groups."""
    return frozenset(p for p in all_parties(event) if not is_place(p))


def states(event: Mapping[str, Any]) -> frozenset[str]:
    """The states a merged event's parties act for."""
    return frozenset(event.get("actor_states", [])) | frozenset(event.get("recipient_states", []))


def all_parties(event: Mapping[str, Any]) -> list[str]:
    """Actors, recipients and hosts of a merged event, in that order, without repeats."""
    return _unique([*event.get("actors", []), *event.get("recipients", []), *event.get("hosts", [])])


def _unique(items: Iterable[str]) -> list[str]:
    return [i for i in dict.fromkeys(items) if i]
