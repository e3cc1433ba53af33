"""An alert's rule from what a user typed: the query's entities, the event type, the language."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from khabar.errors import KhabarError
from khabar.events.ontology import EVENT_TYPES, normalise_type
from khabar.kb import load_kb

#: Languages an alert may keep (what language identification assigns to documents).
LANGUAGES = ("ur", "hi", "en")


class AlertError(KhabarError):
    """An alert that cannot be made as asked (no query and no type, unknown type, bad URL)."""


@dataclass(frozen=True)
class Rule:
    """What an alert matches: ``query`` text, the KB ``entities`` it names (either matches), a
    PLOVER event ``type`` the document must hold, its language ``lang``."""

    query: str = ""
    entities: tuple[str, ...] = ()
    type: str | None = None
    lang: str | None = None


def query_entities(query: str) -> tuple[str, ...]:
    """The entity ids a query names in any script: an entity id itself, or KB aliases."""
    query = query.strip()
    if not query:
        return ()
    kb = load_kb()
    if query in kb:
        return (query,)
    return tuple(dict.fromkeys(e.id for e in kb.lookup(query)))


def event_type(name: str | None) -> str | None:
    """A PLOVER type from a name in any PLOVER version (``consult``, ``DISAPPROVE``); None for none."""
    if not name or not name.strip():
        return None
    kind, _mode = normalise_type(name)
    if kind not in EVENT_TYPES:
        raise AlertError(f"unknown event type {name!r}; known: {', '.join(EVENT_TYPES)}")
    return kind


def language(code: str | None) -> str | None:
    """A language code an alert can keep, lower-cased; None for none."""
    if not code or not code.strip():
        return None
    code = code.strip().lower()
    if code not in LANGUAGES:
        raise AlertError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    return code


def webhook_url(url: str | None) -> str | None:
    """An http(s) URL with a host, stripped; None for none."""
    if not url or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AlertError(f"a webhook must be an http:// or https:// URL with a host, not {url!r}")
    return url


def make_rule(
    query: str = "", *, entity: str | None = None, type: str | None = None, lang: str | None = None
) -> Rule:
    """The rule of a new alert: ``query`` with the entities it names (plus ``entity``, an id or a
    name), checked type and language. An alert must have a query, an entity or a type."""
    query = " ".join(query.split())
    entities = query_entities(query)
    if entity and entity.strip():
        named = query_entities(entity)
        if not named:
            raise AlertError(f"no entity in the knowledge base is called {entity!r}")
        entities = tuple(dict.fromkeys((*entities, *named)))
    kind = event_type(type)
    if not query and not entities and not kind:
        raise AlertError("an alert needs query text, an entity or an event type")
    return Rule(query, entities, kind, language(lang))


def describe(rule: Rule) -> str:
    """A short name for an alert of this rule (``Shoigu · CONSULT · ur``)."""
    parts = [rule.query or ", ".join(rule.entities)] if rule.query or rule.entities else []
    parts += [p for p in (rule.type, rule.lang) if p]
    return " · ".join(parts)
