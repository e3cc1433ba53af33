"""KB names across scripts: an alias in one script is written as the entity's alias in the other.

For each entity with aliases in both Urdu and Devanagari, every alias of one script maps to
the other script's alias with the same number of words that sounds most like it
(:func:`khabar.kb.match.similarity`), or to its first alias when none has as many words.
Keys are :func:`khabar.kb.alias_key` forms, so spelling variants that fold alike match.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.kb import alias_key, load_kb
from khabar.kb.match import similarity

#: The longest name looked up, in words.
MAX_NAME_WORDS = 5


def _pick(alias: str, others: list[str]) -> str:
    n = len(alias.split())
    same = [o for o in others if len(o.split()) == n]
    if not same:
        return others[0]
    return max(same, key=lambda o: (similarity(alias, o), -same.index(o)))


@lru_cache(maxsize=1)
def name_tables() -> dict[str, dict[str, str]]:
    """``{"Arab": {alias key: Devanagari alias}, "Deva": {alias key: Urdu alias}}`` from the KB."""
    tables: dict[str, dict[str, str]] = {"Arab": {}, "Deva": {}}
    for entity in load_kb().entities():
        ur, hi = entity.aliases.get("Arab", []), entity.aliases.get("Deva", [])
        if not ur or not hi:
            continue
        for source, target, table in ((ur, hi, tables["Arab"]), (hi, ur, tables["Deva"])):
            for alias in source:
                key = alias_key(alias)
                if key and key not in table and len(key.split()) <= MAX_NAME_WORDS:
                    table[key] = _pick(alias, target)
    return tables
