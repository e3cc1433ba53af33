"""The shipped KB's name tables, computed once and kept as a compact file keyed by what they depend on.

Folding every alias of the KB into its lookup key (:func:`khabar.kb.loader.alias_key`) and its
cross-script skeleton (:func:`khabar.text.translit.phonetic_key`) takes most of a short command's
time (``khabar search`` names an entity in a query). The result depends only on the KB's data
files, the code that folds names and the Python version (its Unicode tables), so it is written
once to ``kb-names-<digest>.json`` in the user cache dir (:mod:`khabar.cache`) and
read back by the next process. A changed data file or folding module gives another digest: the
tables are computed again and the old file is removed. The cache is never needed: a missing,
damaged or unwritable one only costs the computation (offline, nothing is fetched).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from khabar import cache
from khabar.kb.match import NameIndex

if TYPE_CHECKING:
    from khabar.kb.loader import Entity

#: Bump when the file's layout changes.
FORMAT = 1
PREFIX = "kb-names-"

_PACKAGE = Path(__file__).resolve().parents[1]
#: Source modules whose code decides the keys (every module of khabar.text, the KB's loader
#: and matcher); the KB's data files are added by :func:`shipped_inputs`.
_CODE = ("kb/loader.py", "kb/match.py", "kb/agencies.py", "kb/names_cache.py")


@dataclass(frozen=True)
class NameTables:
    """What a name lookup needs without reading the KB: entity ids, alias keys and skeletons."""

    ids: frozenset[str]
    #: alias key -> entity ids, in data order (the KB's exact lookup).
    keys: dict[str, list[str]]
    #: phonetic key -> (alias, entity id) pairs (the KB's cross-script NameIndex).
    phonetic: dict[str, list[tuple[str, str]]]

    def to_json(self) -> dict[str, object]:
        """The tables as the cache file stores them."""
        return {
            "format": FORMAT,
            "ids": sorted(self.ids),
            "keys": self.keys,
            "phonetic": {k: [list(pair) for pair in v] for k, v in self.phonetic.items()},
        }

    @cached_property
    def names(self) -> NameIndex[str]:
        """The cross-script index of :attr:`phonetic` (built once, shared by its users)."""
        return NameIndex.from_keys(self.phonetic)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> NameTables:
        """Tables read back from :meth:`to_json`; ``ValueError`` when the layout is not this one."""
        if data.get("format") != FORMAT:
            raise ValueError("another cache format")
        ids, keys, phonetic = data["ids"], data["keys"], data["phonetic"]
        if not (isinstance(ids, list) and isinstance(keys, dict) and isinstance(phonetic, dict)):
            raise ValueError("not name tables")
        return cls(
            frozenset(ids),
            {str(k): list(v) for k, v in keys.items()},
            {str(k): [(str(a), str(b)) for a, b in v] for k, v in phonetic.items()},
        )


def shipped_inputs() -> list[Path]:
    """Every file the shipped KB's name tables are computed from, in a fixed order."""
    from khabar.kb.loader import DATA_FILES

    text = sorted((_PACKAGE / "text").glob("*.py"))
    data = [_PACKAGE / "kb" / "data" / name for name in (*DATA_FILES, "agencies.json")]
    return [*text, *(_PACKAGE / p for p in _CODE), *data]


def digest(inputs: Iterable[Path]) -> str:
    """A hash of the files' names and bytes, the cache format and the Python version."""
    return cache.digest([str(FORMAT).encode(), *(p.name.encode() + b"\0" + p.read_bytes() for p in inputs)])


def cached_tables(build: Callable[[], NameTables], inputs: Iterable[Path], where: Path) -> NameTables:
    """The tables for ``inputs``: read from ``where`` when computed before, else ``build()`` and
    written there (best effort; older files of this kind in ``where`` are removed)."""
    target = where / f"{PREFIX}{digest(inputs)}.json"
    try:
        return NameTables.from_json(json.loads(target.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not there yet, or damaged: compute it again
    tables = build()
    text = json.dumps(tables.to_json(), ensure_ascii=False, separators=(",", ":"))
    cache.keep(target, text.encode("utf-8"), PREFIX)
    return tables


def alias_index(entities: Iterable[Entity]) -> NameIndex[str]:
    """Every alias of ``entities`` in a cross-script :class:`NameIndex`, with its entity id."""
    index: NameIndex[str] = NameIndex()
    for entity in entities:
        for alias in entity.all_aliases():
            index.add(alias, entity.id)
    return index


def build_shipped() -> NameTables:
    """The shipped KB's tables, computed from its data files."""
    from khabar.kb.loader import group_by_key, read_entities

    entities = read_entities()
    names = alias_index(entities).by_key()
    return NameTables(frozenset(e.id for e in entities), group_by_key(entities), names)


@lru_cache(maxsize=1)
def shipped_tables() -> NameTables:
    """The shipped KB's name tables (from the cache when it holds them; once per process)."""
    return cached_tables(build_shipped, shipped_inputs(), cache.cache_dir())
