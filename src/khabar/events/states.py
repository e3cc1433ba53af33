"""Who acts for which state, from the knowledge base: a person maps to the state they serve on a date,
a city to its country, an office word ("روسی وزیر دفاع") to its holder; and a year for "13 September"."""

from __future__ import annotations

from functools import lru_cache

from khabar.kb import load_kb

#: Years after a tenure starts that a role-based year guess looks at when the publication year is
#: unknown (see :func:`infer_year`).
ROLE_YEAR_SPAN = 1


@lru_cache(maxsize=1)
def _holders() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(role, of) -> [(person id, start, end)] over every KB role."""
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for entity in load_kb().entities("PERSON"):
        for role in entity.roles:
            out.setdefault((role.role, role.of), []).append((entity.id, role.start, role.end))
    return out


def _within(date: str | None, start: str, end: str) -> bool:
    if not date or date.startswith("X"):
        return not end  # undated: only a role that has not ended
    return (not start or start[: len(date)] <= date) and (not end or date < end[: len(date)] or date == end)


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


def infer_year(month_day: str, titled: list[tuple[str, str]], latest: str | None) -> str | None:
    """A year for ``MM-DD`` from the offices people hold in the sentence (``(person, role)`` pairs).

    The story calls them by their title, so the date lies inside every such tenure. The first
    year in which all tenures hold (and not after ``latest``, the publication date when known)
    is taken: news reports a visit soon after an appointment more often than years later, and
    this is the only evidence left when the page states no year. Returns ``YYYY`` or None.
    """
    kb = load_kb()
    bounds: list[tuple[str, str]] = []
    for person, role_name in titled:
        entity = kb.get(person)
        if entity is None:
            continue
        spans = [(r.start, r.end) for r in entity.roles if r.role == role_name and r.start]
        if len(spans) == 1:
            bounds.append(spans[0])
    if not bounds:
        return None
    first = max(int(start[:4]) for start, _ in bounds)
    last = int(latest[:4]) if latest and latest[:4].isdigit() else first + ROLE_YEAR_SPAN
    for year in range(first, last + 1):
        if all(_within(f"{year}-{month_day}", start, end) for start, end in bounds):
            return str(year)
    return None
