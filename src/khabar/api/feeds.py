"""An alert's items as an Atom feed (RFC 4287) for feed readers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from khabar.views.alerts import what_matched

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = _xml_safe(text)
    return node


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch > "\uffff"
    )


def _when(stamp: str | None) -> str:
    """An RFC 3339 time from a stored stamp or day (now when missing or not a whole day)."""
    return _rfc3339(stamp) or datetime.now(UTC).isoformat(timespec="seconds")


def _rfc3339(value: str | None) -> str | None:
    """``2024-09-13`` → ``2024-09-13T00:00:00+00:00``; a time without an offset is taken as UTC;
    None for a partial date (``2024-09``, ``XXXX-09-13``) or anything unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) < 10:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat(timespec="seconds")


def alert_feed(alert: dict[str, Any], items: list[dict[str, Any]], base_url: str) -> bytes:
    """The Atom feed of one alert (:func:`khabar.views.alerts.alert_record`) and its items
    (:func:`khabar.views.alerts.item_records`, newest first); links are absolute under ``base_url``."""
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    _el(feed, "id", f"{base}/alerts/{alert['id']}")
    _el(feed, "title", f"Khabar alert: {alert['name']}")
    _el(feed, "updated", _when(items[0]["created"] if items else alert["created"]))
    _el(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/alerts/{alert['id']}.atom")
    _el(feed, "link", rel="alternate", type="text/html", href=f"{base}/alerts/{alert['id']}")
    author = _el(feed, "author")
    _el(author, "name", "Khabar")
    _el(feed, "generator", "Khabar")
    for item in items:
        doc = item.get("document") or {}
        entry = _el(feed, "entry")
        _el(entry, "id", f"{base}/alerts/{alert['id']}/items/{item['id']}")
        title = _el(entry, "title", doc.get("title") or item["doc_id"])
        if doc.get("lang"):
            title.set("{http://www.w3.org/XML/1998/namespace}lang", str(doc["lang"]))
        _el(entry, "updated", _when(item["created"]))
        published = _rfc3339(str(doc.get("published") or ""))
        if published:
            _el(entry, "published", published)
        _el(entry, "link", rel="alternate", type="text/html", href=f"{base}/document/{item['doc_id']}")
        if doc.get("url"):
            _el(entry, "link", rel="related", type="text/html", href=str(doc["url"]))
        matched = item.get("matched") or {}
        meta = " · ".join(str(doc[k]) for k in ("outlet", "published", "lang") if doc.get(k))
        summary = "\n".join(p for p in (what_matched(matched), str(matched.get("snippet") or ""), meta) if p)
        _el(entry, "summary", summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
