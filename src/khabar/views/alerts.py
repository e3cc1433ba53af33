"""Alerts and their items as the CLI, the JSON API, the pages and the Atom feeds show them."""

from __future__ import annotations

from typing import Any

from khabar.store.base import AlertItemRow, AlertRow, Store
from khabar.views.entities import entity_name


def alert_record(alert: AlertRow) -> dict[str, Any]:
    """An alert as JSON: its rule (with the entities' names), webhook, counts and check mark."""
    return {
        "id": alert.id,
        "name": alert.name,
        "query": alert.query,
        "entities": [{"id": e, "name": entity_name(e)} for e in alert.entities],
        "type": alert.type,
        "lang": alert.lang,
        "webhook": alert.webhook,
        "created": alert.created,
        "items": alert.items,
        "unread": alert.unread,
        "undelivered": alert.undelivered,
        "checked": alert.checked,
    }


def list_alerts(store: Store) -> list[dict[str, Any]]:
    """Every alert as :func:`alert_record`, oldest first."""
    return [alert_record(a) for a in store.alerts.all()]


def item_records(
    store: Store, alert_id: int, *, unread_only: bool = False, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """An alert's items, newest first, each with what matched and its document's title,
    language, outlet, date and address (``document``; None for a document no longer stored)."""
    rows = store.alerts.items(alert_id, unread_only=unread_only, limit=limit, offset=offset)
    documents = store.summaries([r.doc_id for r in rows]) if rows else {}
    return [item_record(r, documents.get(r.doc_id)) for r in rows]


def item_record(item: AlertItemRow, document: dict[str, Any] | None) -> dict[str, Any]:
    """One item as JSON (see :func:`item_records`)."""
    matched = dict(item.matched)
    if matched.get("entity"):
        matched["entity_name"] = entity_name(str(matched["entity"]))
    return {
        "id": item.id,
        "alert_id": item.alert_id,
        "doc_id": item.doc_id,
        "matched": matched,
        "created": item.created,
        "read": item.read,
        "delivered": item.delivered,
        "attempts": item.attempts,
        "error": item.error,
        "document": document,
    }


def what_matched(matched: dict[str, Any]) -> str:
    """One line saying what matched: ``entity Sergei Shoigu "سرگئی شوئیگو" · CONSULT visit "دورہ"``."""
    kind = matched.get("kind", "")
    text = str(matched.get("text") or "").replace("\n", " ")
    if kind == "entity":
        who = matched.get("entity_name") or entity_name(str(matched.get("entity") or ""))
        line = f'entity {who} "{text}"'
    elif kind == "text":
        line = f'text "{text}"'
    else:
        line = ""
    event = matched.get("event")
    if isinstance(event, dict):
        what = " ".join(str(p) for p in (event.get("type"), event.get("mode")) if p)
        line = " · ".join(p for p in (line, f'{what} "{event.get("text") or ""}"') if p)
    return line
