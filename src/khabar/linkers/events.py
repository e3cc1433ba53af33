"""The ``events`` linker: merge each new document's events into cross-document events.

The decisions are :mod:`khabar.events.merge`'s; the merged events, their mentions and parties
live in the event tables (``store.events``) only: the stored document is not touched.
"""

from __future__ import annotations

from collections import Counter

from khabar.document import Document
from khabar.events.merge import best_candidate, event_key, mergeable, merged_record, parties, party_states
from khabar.registry import linker
from khabar.store.base import Store


@linker("events")
def link_events(store: Store, docs: list[Document]) -> dict[str, int]:
    """Merge each new document's events into cross-document events."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for idx, event in enumerate(doc.events):
            known = store.events.event_of(doc.id, idx)
            if known:
                event.id = known
                counts["already_linked"] += 1
                continue
            target = None
            if mergeable(event):
                rows = store.events.candidates(event.type, party_states(event))
                target = best_candidate(doc.id, event, [(r.id, r.mode, r.date, r.data) for r in rows])
            if target is None:
                target = event_key(doc.id, idx)
                store.events.add_event(
                    target,
                    type=event.type,
                    mode=event.mode,
                    date=event.time,
                    precision=event.time_precision,
                    place=event.place,
                )
                counts["events"] += 1
            else:
                counts["merged"] += 1
            store.events.add_mention(target, doc.id, idx)
            event.id = target
            refresh_event(store, target)
            counts["mentions"] += 1
    return dict(counts)


def refresh_event(store: Store, event_id: str) -> None:
    """Recompute a merged event's record and parties from its mentions."""
    mentions = store.events.mentions(event_id)
    if not mentions:
        return
    merged = merged_record([(m.doc_id, m.lang, m.data) for m in mentions])
    store.events.save_merged(event_id, merged, parties(merged))
