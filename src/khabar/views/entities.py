"""Entity names and ids as the CLI and the API show and accept them (knowledge-base lookups)."""

from __future__ import annotations

from khabar.kb import is_entity_id, load_kb, lookup_ids


def entity_name(entity: str | None, surface: str | None = None) -> str:
    """A display name: the KB label of ``entity``, else ``surface`` (a spelling seen), else the id."""
    if not entity:
        return surface or ""
    found = load_kb().get(entity)
    if found is not None:
        return found.label
    return surface or entity


def entity_ids(name: str) -> list[str]:
    """Entity ids a name refers to, in any script: an id itself, or knowledge-base aliases."""
    if name.startswith("u:") or is_entity_id(name):
        return [name]
    return lookup_ids(name)
