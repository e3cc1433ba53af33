"""Which outlet published a document: its URL (the reader's, the provenance's, the canonical
link) looked up in the outlet registry (:mod:`khabar.kb.outlets`), else the reader's outlet
hint as a host or a registered name, else a record made from the host."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from khabar.document import Document
from khabar.kb.outlets import Outlet, host_of, lookup, outlet_for, outlet_table


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Outlet]:
    """Registered outlets by each of their names (case-folded); a name two outlets share is left out."""
    seen: dict[str, list[Outlet]] = {}
    for o in outlet_table().values():
        for name in {o.name, o.name_ur, o.name_hi} - {""}:
            seen.setdefault(name.casefold(), []).append(o)
    return {k: v[0] for k, v in seen.items() if len({o.name for o in v}) == 1}


def _addresses(doc: Document) -> Iterator[str]:
    for url in (doc.source.url, doc.provenance.url, doc.meta.get("canonical")):
        if isinstance(url, str) and "://" in url:
            yield url


def outlet_of_document(doc: Document) -> Outlet | None:
    """The document's outlet: the first of its URLs the registry knows, else its outlet hint
    (a host the registry knows, or a registered name such as "Inquilab"), else a record from
    the first host; None for a document with neither URL nor hint."""
    hint = (doc.source.outlet or "").strip()
    hint_is_host = "." in hint and " " not in hint and bool(host_of(hint))
    for url in _addresses(doc):
        if (found := lookup(url)) is not None:
            return found
    if hint_is_host and (found := lookup(hint)) is not None:
        return found
    if hint and (named := _by_name().get(hint.casefold())) is not None:
        return named
    first = next(_addresses(doc), None)
    if first is not None:
        return outlet_for(first)
    return outlet_for(hint) if hint_is_host else None


def attach_outlet(doc: Document) -> Document:
    """Set the provenance's outlet (registry domain or host), name, country, kind and language."""
    outlet = outlet_of_document(doc)
    prov = doc.provenance
    if outlet is None:
        prov.outlet = prov.outlet or doc.source.outlet
        prov.outlet_name = prov.outlet
        prov.outlet_kind = "unknown" if prov.outlet else None
        return doc
    prov.outlet = outlet.domain
    prov.outlet_name = outlet.name
    prov.country = outlet.country or None
    prov.outlet_kind = outlet.kind
    prov.outlet_lang = outlet.lang or None
    return doc
