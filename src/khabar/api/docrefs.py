"""Documents named where a page refers to them: title, outlet (else the web host), day, language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from khabar.store.base import Store


def document_refs(store: Store, doc_ids: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    """The short records (``id``, ``title``, ``lang``, ``published`` as a day, ``outlet``, ``url``)
    of the stored documents among ``doc_ids``, by id; a page shows the id alone for the others."""
    wanted = list(dict.fromkeys(i for i in doc_ids if i))
    found = store.summaries(wanted) if wanted else {}
    for record in found.values():
        record["outlet"] = record.get("outlet") or _host(record.get("url"))
        record["published"] = str(record.get("published") or "")[:10] or None
    return found


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
