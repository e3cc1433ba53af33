"""Saving an alert: its rule from what a user typed, a name, a webhook and where it starts."""

from __future__ import annotations

from khabar.alerts.rules import AlertError, describe, make_rule, webhook_url
from khabar.store.base import AlertRow, Store


def create_alert(
    store: Store,
    query: str = "",
    *,
    entity: str | None = None,
    type: str | None = None,
    lang: str | None = None,
    webhook: str | None = None,
    name: str | None = None,
    look_back: bool = False,
) -> AlertRow:
    """Save a new alert and return it. It watches documents stored from now on; with
    ``look_back`` the documents already stored are matched too, at the next check."""
    rule = make_rule(query, entity=entity, type=type, lang=lang)
    alert_id = store.alerts.add(
        name=(name or "").strip() or describe(rule),
        query=rule.query,
        entities=rule.entities,
        type=rule.type,
        lang=rule.lang,
        webhook=webhook_url(webhook),
        checked=0 if look_back else store.alerts.last_document(),
    )
    saved = store.alerts.get(alert_id)
    if saved is None:  # pragma: no cover - the row was just written
        raise AlertError(f"alert {alert_id} was not saved")
    return saved
