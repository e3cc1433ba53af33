"""Match the documents stored since each alert was last checked, and record the items.

Each alert remembers the sequence number of the last stored document it was matched against
(``checked``); a check matches only the documents after it, so each document is matched against
an alert once, and ``UNIQUE(alert, document)`` in the store makes an item once even if a check is
run twice over the same documents. A new alert starts at the newest stored document (it watches
what comes next) unless it is made to look back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar.alerts.deliver import DeliveryReport, deliver_pending
from khabar.alerts.match import Candidate, match_document
from khabar.alerts.rules import Rule
from khabar.store.base import AlertRow, Store

#: Documents read from the store at a time while checking.
PAGE = 200


@dataclass
class CheckReport:
    """What a check did: documents matched, new items per alert id, and webhook deliveries."""

    documents: int = 0
    items: dict[int, list[int]] = field(default_factory=dict)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    @property
    def new_items(self) -> int:
        """How many items the check made."""
        return sum(len(v) for v in self.items.values())


def rule_of(alert: AlertRow) -> Rule:
    """The matching rule of a stored alert."""
    return Rule(alert.query, tuple(alert.entities), alert.type, alert.lang)


def check_alerts(
    store: Store, *, alert_ids: set[int] | None = None, alerts: list[AlertRow] | None = None
) -> CheckReport:
    """Match every alert (or those in ``alert_ids``, or ``alerts`` as just read) against the
    documents stored after its ``checked`` mark, record the matches as items and move the marks
    to the newest document."""
    report = CheckReport()
    if alerts is None:
        alerts = store.alerts.all(counts=False)
    alerts = [a for a in alerts if alert_ids is None or a.id in alert_ids]
    top = store.alerts.last_document()
    behind = [a for a in alerts if a.checked < top]
    if not behind:
        return report
    rules = [(a, rule_of(a)) for a in behind]
    cursor = min(a.checked for a in behind)
    while cursor < top:
        # A page at a time, each its own commit with the marks moved past it: a long look back
        # keeps what it did if it is stopped, and never holds the database for the whole run.
        with store.transaction():
            page = store.alerts.documents_after(cursor, PAGE)
            if not page:
                break
            for seq, doc in page:
                if seq > top:
                    break
                report.documents += 1
                candidate = Candidate(doc)
                for alert, rule in rules:
                    if alert.checked >= seq:
                        continue
                    matched = match_document(rule, candidate)
                    if matched is None:
                        continue
                    item = store.alerts.add_item(alert.id, doc.id, matched)
                    if item is not None:
                        report.items.setdefault(alert.id, []).append(item)
            cursor = min(page[-1][0], top)
            store.alerts.set_checked([a.id for a in behind], cursor)
    with store.transaction():
        store.alerts.set_checked([a.id for a in behind], top)
    return report


def after_batch(store: Store) -> CheckReport:
    """What ingest runs after each stored batch: check every alert, then post new items to the
    alerts' webhooks (a webhook that is down keeps its items for the next batch or check)."""
    alerts = store.alerts.all(counts=False)
    if not alerts:
        return CheckReport()
    report = check_alerts(store, alerts=alerts)
    if any(a.webhook for a in alerts):
        report.delivery = deliver_pending(store, alerts=alerts)
    return report
