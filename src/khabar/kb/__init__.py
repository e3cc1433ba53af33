"""Entity knowledge base: curated multilingual entities and cross-script lookup.

>>> kb = load_kb()
>>> [e.id for e in kb.lookup("शोइगु")]
['per:sergei-shoigu']

Entities come from the TSV files in ``data/`` (see :mod:`khabar.kb.loader`);
:mod:`khabar.kb.wikidata` extends a KB from a Wikidata JSON dump.

The shipped KB (:func:`load_kb`) is one object shared by every caller in a process, so it is
read-only: a lookup answers from the data files alone, the same in a long-running server as in
a one-off command. What fuzzy linking finds is not written back; it lives on the document (a
mention with ``method="fuzzy"``, its entity and span) and is stored with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from khabar.errors import KhabarError
from khabar.kb.loader import Entity, Role, Title, alias_key, group_by_key, read_entities, read_titles
from khabar.kb.match import NameIndex
from khabar.kb.names_cache import NameTables, alias_index, shipped_tables

__all__ = [
    "LINK_THRESHOLD",
    "Entity",
    "KnowledgeBase",
    "ReadOnlyKBError",
    "Role",
    "Title",
    "alias_key",
    "is_entity_id",
    "load_kb",
    "lookup_ids",
]

# Cross-script similarity (0–100, khabar.kb.match.similarity) from which a name not in the KB
# is taken to be a spelling of a KB alias. On the seeds, true variants score 92–100
# (پیوٹن/पुतिन 97, کم جونگ ان/किम जोंग-उन 95) and the best wrong candidates of the same key
# below 80; 85 leaves room both ways.
LINK_THRESHOLD = 85.0


class ReadOnlyKBError(KhabarError):
    """A read-only knowledge base (the shipped one) was asked to change."""


class KnowledgeBase:
    """Entities by id, by folded alias, and by cross-script spelling.

    ``read_only`` knowledge bases refuse :meth:`extend`; build a new one to add entities.
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        titles: Iterable[Title] = (),
        *,
        read_only: bool = False,
        tables: NameTables | None = None,
    ) -> None:
        """``tables``: the name tables already computed for exactly ``entities`` (the shipped KB's,
        from :mod:`khabar.kb.names_cache`), so the aliases are not folded again."""
        self._by_id: dict[str, Entity] = {}
        self.titles: list[Title] = list(titles)
        self._by_key: dict[str, list[str]] = {}
        self._names: NameIndex[str] | None = None
        self.read_only = read_only
        if tables is None:
            self._add(entities)
        else:
            self._by_id = {e.id: e for e in entities}
            self._by_key = tables.keys
            self._names = tables.names

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self._by_id

    def extend(self, entities: Iterable[Entity]) -> None:
        """Add entities (a later entity with a known id merges its aliases and roles into it)."""
        if self.read_only:
            raise ReadOnlyKBError(
                "this knowledge base is read-only (the shipped one is shared by every stage); extend a"
                " copy: KnowledgeBase(read_entities(), read_titles()) from khabar.kb.loader"
            )
        self._add(entities)

    def _add(self, entities: Iterable[Entity]) -> None:
        added = []
        for entity in entities:
            old = self._by_id.get(entity.id)
            if old is None:
                self._by_id[entity.id] = entity
            else:
                for script, names in entity.aliases.items():
                    mine = old.aliases.setdefault(script, [])
                    mine.extend(n for n in names if n not in mine)
                old.roles.extend(r for r in entity.roles if r not in old.roles)
                old.qid = old.qid or entity.qid
                old.country = old.country or entity.country
            added.append(self._by_id[entity.id])
        for key, ids in group_by_key(added).items():
            mine = self._by_key.setdefault(key, [])
            mine.extend(i for i in ids if i not in mine)
        self._names = None

    def get(self, kb_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        return self._by_id.get(kb_id)

    def entities(self, type: str | None = None) -> list[Entity]:
        """Every entity, or those of one type (PERSON, ORG, LOC), in data order."""
        return [e for e in self._by_id.values() if type is None or e.type == type]

    def keys(self) -> dict[str, list[str]]:
        """Alias key (see :func:`alias_key`) -> entity ids; the gazetteer's input."""
        return self._by_key

    def names(self) -> NameIndex[str]:
        """Every alias in a cross-script :class:`NameIndex` with its entity id (built on first use)."""
        if self._names is None:
            self._names = alias_index(self._by_id.values())
        return self._names

    def lookup(self, alias_text: str, fuzzy: bool = True) -> list[Entity]:
        """Entities named ``alias_text`` in any script: exact folded alias first, else (``fuzzy``)
        cross-script spellings scoring at least :data:`LINK_THRESHOLD`."""
        return [self._by_id[i] for i in _lookup_ids(alias_text, self._by_key, self.names, fuzzy)]


def _lookup_ids(
    alias_text: str, keys: dict[str, list[str]], names: Callable[[], NameIndex[str]], fuzzy: bool
) -> list[str]:
    """Ids named ``alias_text``: exact folded alias first, else (``fuzzy``) the best cross-script
    spellings scoring at least :data:`LINK_THRESHOLD`."""
    key = alias_key(alias_text)
    if key in keys:
        return list(keys[key])
    if not fuzzy:
        return []
    found = names().matches(alias_text, LINK_THRESHOLD)
    best = found[0].score if found else 0.0
    return list(dict.fromkeys(m.payload for m in found if m.score >= best))


def lookup_ids(alias_text: str, fuzzy: bool = True) -> list[str]:
    """What ``load_kb().lookup`` finds, as ids, answered from the cached name tables alone
    (the KB's files are not read: a short command such as ``khabar search`` pays no more)."""
    tables = shipped_tables()
    return _lookup_ids(alias_text, tables.keys, lambda: tables.names, fuzzy)


def is_entity_id(text: str) -> bool:
    """Whether ``text`` is the id of a shipped entity (from the cached name tables)."""
    return text in shipped_tables().ids


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base (read once per process, read-only; its name tables from
    :func:`khabar.kb.names_cache.shipped_tables`)."""
    return KnowledgeBase(read_entities(), read_titles(), read_only=True, tables=shipped_tables())
