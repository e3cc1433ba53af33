"""Post new alert items to their alerts' webhooks: JSON, retried with backoff, once each.

An item is posted until the webhook answers 2xx, then recorded as delivered at once (its own
commit), so it is never posted again, across restarts too. A connection error, a timeout, a 5xx,
408 or 429 is retried after ``backoff``, ``2 × backoff``, … seconds, up to ``attempts`` tries; any
other answer is not retried. When an item still fails, its attempts and the error are recorded,
the rest of that alert's items wait (they keep their order), and the next check or ingest batch
tries again. Receivers can tell a repeat (a crash between the POST and its record) by the item's
``X-Khabar-Item`` header.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from khabar import __version__
from khabar.store.base import AlertItemRow, AlertRow, Store

#: Tries per item and delivery run, the first wait between tries (seconds, doubled each time),
#: and the time a webhook has to answer.
ATTEMPTS = 3
BACKOFF = 0.5
TIMEOUT = 10.0
#: Answers worth trying again: the receiver is busy or broken for now.
RETRY_STATUS = frozenset({408, 429})

#: ``post(url, json, headers) -> HTTP status``; raises :class:`httpx.TransportError` when the
#: webhook cannot be reached.
Post = Callable[[str, dict[str, Any], dict[str, str]], int]


@dataclass
class DeliveryReport:
    """Items posted (by id), and items that failed with their last error."""

    delivered: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def http_post(url: str, payload: dict[str, Any], headers: dict[str, str]) -> int:
    """POST ``payload`` as JSON to ``url``; the answer's status (redirects are not followed)."""
    import httpx  # imported on the first delivery: every ingest checks alerts, few post them

    response = httpx.post(url, json=payload, headers=headers, timeout=TIMEOUT, follow_redirects=False)
    return response.status_code


def payload(alert: AlertRow, item: AlertItemRow, document: dict[str, Any] | None) -> dict[str, Any]:
    """The JSON posted for one item: the alert, the item with what matched, and the document."""
    return {
        "alert": {
            "id": alert.id,
            "name": alert.name,
            "query": alert.query,
            "entities": list(alert.entities),
            "type": alert.type,
            "lang": alert.lang,
        },
        "item": {"id": item.id, "doc_id": item.doc_id, "created": item.created, "matched": item.matched},
        "document": document or {"id": item.doc_id},
    }


def _retriable(status: int) -> bool:
    return status >= 500 or status in RETRY_STATUS


def post_with_retries(
    post: Post,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    *,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bool, int, str]:
    """Post until a 2xx answer or ``attempts`` tries: (delivered, tries made, last error)."""
    import httpx

    error = ""
    for n in range(1, max(1, attempts) + 1):
        try:
            status = post(url, body, headers)
        except httpx.TransportError as exc:
            error = f"{type(exc).__name__}: {exc}"
        else:
            if 200 <= status < 300:
                return True, n, ""
            error = f"HTTP {status}"
            if not _retriable(status):
                return False, n, error
        if n < attempts:
            sleep(backoff * 2 ** (n - 1))
    return False, max(1, attempts), error


def deliver_pending(
    store: Store,
    *,
    alert_ids: set[int] | None = None,
    post: Post | None = None,
    attempts: int | None = None,
    backoff: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    alerts: list[AlertRow] | None = None,
) -> DeliveryReport:
    """Post every undelivered item of every alert with a webhook (or of those in ``alert_ids``;
    ``alerts``: the alerts as just read)."""
    send = post or http_post
    tries = ATTEMPTS if attempts is None else attempts
    wait = BACKOFF if backoff is None else backoff
    report = DeliveryReport()
    for alert in store.alerts.all(counts=False) if alerts is None else alerts:
        if not alert.webhook or (alert_ids is not None and alert.id not in alert_ids):
            continue
        pending = store.alerts.undelivered(alert.id)
        documents = store.summaries([i.doc_id for i in pending]) if pending else {}
        for item in pending:
            headers = {
                "User-Agent": f"Khabar/{__version__} alerts",
                "X-Khabar-Alert": str(alert.id),
                "X-Khabar-Item": str(item.id),
            }
            body = payload(alert, item, documents.get(item.doc_id))
            ok, made, error = post_with_retries(
                send, alert.webhook, body, headers, attempts=tries, backoff=wait, sleep=sleep
            )
            if ok:
                store.alerts.mark_delivered(item.id)
                report.delivered.append(item.id)
                continue
            store.alerts.record_failure(item.id, made, error)
            report.failed[item.id] = error
            break  # the webhook is down: the rest wait, in order, for the next run
    return report
