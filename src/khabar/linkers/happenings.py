"""The ``happenings`` linker: group the merged events of each date the new documents touch into
happenings (:mod:`khabar.happenings`), replacing that date's happenings in ``store.happenings``.

It runs after ``events`` and ``duplicates`` (it reads merged events and translation links) and
regroups a whole date each time, so running it again over the same documents (an interrupted
run's pending links, ``khabar relink``) gives the same happenings; dates whose events are in no
happening yet are grouped too, which fills a store that had events before happenings existed.
"""

from __future__ import annotations

from khabar.document import Document
from khabar.happenings.group import Item, group
from khabar.happenings.record import happening_record
from khabar.registry import linker
from khabar.store.base import Store


@linker("happenings")
def link_happenings(store: Store, docs: list[Document]) -> dict[str, int]:
    """Regroup the happenings of every date the new documents' events fall on."""
    dates = store.happenings.dates_to_group([d.id for d in docs])
    counts = {"dates": len(dates), "happenings": 0, "grouped_events": 0}
    for date in dates:
        rows = store.happenings.events_on(date)
        items = [Item(i, date, place, data, tuple(found)) for i, place, data, found in rows]
        links = store.happenings.same_text_links(sorted({d for i in items for d in i.documents}))
        records = [happening_record(g) for g in group(items, links)]
        store.happenings.replace_date(date, records)
        counts["happenings"] += len(records)
        counts["grouped_events"] += sum(len(r["events"]) > 1 for r in records)
    return counts
