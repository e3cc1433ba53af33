"""Who acts for which state, from the knowledge base: a person maps to the state they serve on a date,
a city to its country, an office word ("روسی وزیر دفاع") to its holder."""

from __future__ import annotations

from functools import lru_cache

from khabar.dates import in_term, year_of
from khabar.kb import load_kb


@lru_cache(maxsize=1)
def _holders() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(role, of) -> [(person id, start, end)] over every KB role."""
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for entity in load_kb().entities("PERSON"):
        for role in entity.roles:
            out.setdefault((role.role, role.of), []).append((entity.id, role.start, role.end))
    return out


def _within(date: str | None, start: str, end: str) -> bool:
    """Whether a role held ``start``–``end`` is held on ``date``, by the rule the year guess uses
    (:func:`khabar.dates.in_term`); without a dated year, only a role that has not ended."""
    if date is None or year_of(date) is None:
        return not end
    return in_term(date, start, end)


@lru_cache(maxsize=4096)
def state_of(entity: str | None, date: str | None = None) -> str | None:
    """The state ``entity`` stands for on ``date`` (ISO, may be partial): a country itself, a city's
    or organisation's country, a person's country through an office they hold then, else their own."""
    if not entity:
        return None
    kb = load_kb()
    found = kb.get(entity)
    if found is None:
        return None
    if found.type == "LOC" and found.kind == "country":
        return found.id
    if found.type == "PERSON":
        for role in found.roles:
            target = kb.get(role.of) if role.of else None
            if target is not None and target.kind == "country" and _within(date, role.start, role.end):
                return target.id
    return found.country or None


def holder(role: str, state: str, date: str | None) -> str | None:
    """The one KB person who holds office ``role`` of ``state`` on ``date``, or None."""
    people = [p for p, start, end in _holders().get((role, state), []) if _within(date, start, end)]
    unique = list(dict.fromkeys(people))
    return unique[0] if len(unique) == 1 else None


def states_of(ids: list[str], date: str | None) -> list[str]:
    """The states ``ids`` act for on ``date``, each once, in order."""
    out: list[str] = []
    for entity in ids:
        state = state_of(entity, date)
        if state and state not in out:
            out.append(state)
    return out
