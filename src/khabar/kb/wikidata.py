"""Extend the knowledge base from a Wikidata JSON dump (``latest-all.json.bz2`` or ``.gz``).

The dump is one JSON array with one entity per line; it is streamed line by line, so its
size does not matter. Items whose "instance of" (P31) is a known person, place or
organisation class become :class:`~khabar.kb.loader.Entity` records with their English,
Urdu and Hindi labels and aliases; an item whose QID a KB entity already carries is merged
into that entity instead of added.

``khabar kb import-wikidata DUMP --out FILE`` (:func:`import_dump`) writes those entities as a
KB TSV file (the columns of ``kb/data/entities.tsv``) to review; :func:`extend_kb` adds them
to a loaded knowledge base.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from khabar.errors import InputError
from khabar.kb import KnowledgeBase, load_kb
from khabar.kb.loader import COLUMNS, SCRIPTS, Entity, write_tsv

#: Wikidata language code -> KB alias script.
LANGUAGES = {"en": "Latn", "ur": "Arab", "hi": "Deva"}

#: P31 ("instance of") classes -> (KB type, kind).
CLASSES: dict[str, tuple[str, str]] = {
    "Q5": ("PERSON", "person"),
    "Q6256": ("LOC", "country"),
    "Q3624078": ("LOC", "country"),  # sovereign state
    "Q5119": ("LOC", "capital"),
    "Q515": ("LOC", "city"),
    "Q1549591": ("LOC", "city"),  # big city
    "Q43229": ("ORG", "organization"),
    "Q484652": ("ORG", "igo"),  # international organization
    "Q7278": ("ORG", "party"),  # political party
    "Q192283": ("ORG", "agency"),  # news agency
}
COUNTRY_PROPERTIES = ("P27", "P17")  # country of citizenship (people), country (the rest)


def open_dump(path: Path) -> IO[str]:
    """Open a dump as text, decompressing ``.bz2`` and ``.gz`` on the fly."""
    if not Path(path).is_file():
        raise InputError(f"Wikidata dump {path} not found")
    name = str(path)
    if name.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_items(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The entity objects of dump ``lines`` (array brackets and trailing commas skipped)."""
    for n, line in enumerate(lines, start=1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"Wikidata dump line {n} is not JSON: {exc}") from exc


def _item_ids(item: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in item.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.append(value["id"])
    return out


def to_entity(item: dict[str, Any], qid_to_id: dict[str, str]) -> Entity | None:
    """A KB entity from one dump item, or ``None`` when its class or English label is unknown.

    ``qid_to_id`` maps QIDs already in the KB to their ids (for merging and for countries).
    """
    qid = item.get("id", "")
    found = [CLASSES[c] for c in _item_ids(item, "P31") if c in CLASSES]
    label = item.get("labels", {}).get("en", {}).get("value", "")
    if not found or not label:
        return None
    kind_type, kind = found[0]
    aliases: dict[str, list[str]] = {}
    for lang, script in LANGUAGES.items():
        names = [item.get("labels", {}).get(lang, {}).get("value", "")]
        names += [a.get("value", "") for a in item.get("aliases", {}).get(lang, [])]
        kept = [n for n in dict.fromkeys(names) if n and n != label]
        if kept:
            aliases[script] = kept
    country = ""
    for prop in COUNTRY_PROPERTIES:
        ids = _item_ids(item, prop)
        if ids:
            country = qid_to_id.get(ids[0], "wd:" + ids[0])
            break
    eid = qid_to_id.get(qid, "wd:" + qid)
    return Entity(eid, kind_type, label, kind=kind, qid=qid, country=country, aliases=aliases)


def read_dump(path: Path, qid_to_id: dict[str, str] | None = None) -> Iterator[Entity]:
    """Stream the entities of a dump file (see :func:`to_entity`)."""
    with open_dump(path) as lines:
        for item in iter_items(lines):
            entity = to_entity(item, qid_to_id or {})
            if entity is not None:
                yield entity


def _qid_to_id(kb: KnowledgeBase) -> dict[str, str]:
    return {e.qid: e.id for e in kb.entities() if e.qid}


def extend_kb(kb: KnowledgeBase, path: Path) -> int:
    """Add (or merge) the entities of a dump into ``kb``; return how many were read."""
    entities = list(read_dump(path, _qid_to_id(kb)))
    kb.extend(entities)
    return len(entities)


def _cell(names: Iterable[str]) -> str:
    # A TSV cell lists names with "|"; a name holding a separator cannot be written, so is left out.
    return "|".join(n for n in names if not any(c in n for c in "|\t\r\n"))


def entity_row(entity: Entity) -> dict[str, str]:
    """One row of a KB entities TSV file for ``entity`` (the inverse of ``loader.entity_from_row``)."""
    row = dict.fromkeys(COLUMNS, "") | {
        "id": entity.id,
        "type": entity.type,
        "kind": entity.kind,
        "label": " ".join(entity.label.split()),  # no tab or line break in a cell
        "qid": entity.qid,
        "country": entity.country,
        "agency": entity.agency,
    }
    for column, script in SCRIPTS.items():
        row[column] = _cell(entity.aliases.get(script, []))
    return row


def import_dump(dump: Path, out: Path, kb: KnowledgeBase | None = None) -> int:
    """Write the entities of a dump to ``out`` as a KB TSV file; return how many were written.

    Items whose QID an entity of ``kb`` (default: the shipped KB) carries keep its id.
    """
    rows = [entity_row(e) for e in read_dump(dump, _qid_to_id(kb if kb is not None else load_kb()))]
    write_tsv(out, rows, f"Imported by khabar kb import-wikidata from {Path(dump).name}.")
    return len(rows)
