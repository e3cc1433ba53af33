"""When an event happened: the date of its sentence, paragraph or story, else the publication
date; a year for a year-less day from the offices of its parties; background or news."""

from __future__ import annotations

from khabar.dates import late_day, parse_partial, with_year, year_all_offices_hold, year_of
from khabar.document import Document, Event
from khabar.events.context import Context
from khabar.events.parse import DocView, Sentence
from khabar.events.states import states_of
from khabar.kb import load_kb

#: Publication-date sources too weak to date an event (a file's modification time).
WEAK_PUBLISHED = frozenset({"file_mtime"})
#: Days before publication after which an event counts as background ("historical").
HISTORICAL_DAYS = 30
#: Years after a tenure starts that a role-based year guess looks at when the publication year is
#: unknown (see :func:`office_year`).
ROLE_YEAR_SPAN = 1
#: (date, precision, index into Document.times or None, where the date was found)
EventDate = tuple[str, str, int | None, str]


def parse_date(value: str) -> tuple[str, str] | None:
    """``(date, precision)`` for a TimeRef value with a day, month or year; None for the rest."""
    p = parse_partial(value)
    if p is None or not p.complete or (p.year is None and p.precision == "year"):
        return None
    return p.date_part, p.precision


def note_dates(doc: Document, ctx: Context) -> None:
    """Put the usable publication date and the dated time expressions of ``doc`` into ``ctx``."""
    if doc.published and doc.published.source not in WEAK_PUBLISHED:
        ctx.published = doc.published.value[:10]
        ctx.published_precision = {10: "day", 7: "month", 4: "year"}.get(len(ctx.published), "day")
    for n, t in enumerate(doc.times):
        parsed = parse_date(t.value)
        if parsed and t.type != "DURATION":
            ctx.times.append((t.start, parsed[0], parsed[1], n))


def sentence_date(sent: Sentence, ctx: Context) -> EventDate | None:
    """The first date written in ``sent``, or None."""
    start, end = sent.start, sent.end
    inside = [t for t in ctx.times if start <= t[0] < end]
    if inside:
        return inside[0][1], inside[0][2], inside[0][3], "sentence"
    return None


def event_date(view: DocView, sent: Sentence, t0: int, ctx: Context) -> EventDate | None:
    """(date, precision, index into Document.times, from this sentence) for an event.

    The nearest date in the sentence; else the last earlier date of the paragraph; else the last
    earlier date of the document; else the publication date (day precision, no time index).
    """
    start, end = sent.start, sent.end
    trigger = view.starts[t0]
    inside = [t for t in ctx.times if start <= t[0] < end]
    if inside:
        best = min(inside, key=lambda t: abs(t[0] - trigger))
        return best[1], best[2], best[3], "sentence"
    segment = view.doc.segments[sent.segment]
    earlier = [t for t in ctx.times if t[0] < start and _in_body(view, t[0])]
    same_para = [t for t in earlier if t[0] >= segment.start]
    if same_para:
        return same_para[-1][1], same_para[-1][2], same_para[-1][3], "paragraph"
    if earlier:
        # The story's lead date (its first day) dates what it tells later more often than the
        # last date before the sentence, which is often when an agency reported it.
        days = [t for t in earlier if t[2] == "day"] or earlier
        return days[0][1], days[0][2], days[0][3], "document"
    if ctx.published:
        return ctx.published, ctx.published_precision, None, "published"
    return None


def _in_body(view: DocView, pos: int) -> bool:
    return not any(s.start <= pos < s.end and s.kind in ("dateline", "source") for s in view.doc.segments)


def office_year(month_day: str, titled: list[tuple[str, str]], latest: str | None) -> str | None:
    """A year for ``MM-DD`` from the offices people hold in the sentence (``(person, role)`` pairs).

    The first year in which every tenure holds, not after ``latest`` (the publication date when
    known, else :data:`ROLE_YEAR_SPAN` after the latest start); an office held in several terms
    says nothing. Returns ``YYYY`` or None.
    """
    kb = load_kb()
    offices = []
    for person, role_name in titled:
        entity = kb.get(person)
        if entity is not None:
            offices.append([r for r in entity.roles if r.role == role_name])
    month, day = int(month_day[:2]), int(month_day[3:5])
    latest_year = year_of(latest)
    year = year_all_offices_hold(month, day, offices, latest=latest_year, years_after_start=ROLE_YEAR_SPAN)
    return str(year) if year is not None else None


def is_historical(date: str | None, published: str | None) -> bool:
    """Whether an event dated ``date`` lies more than :data:`HISTORICAL_DAYS` before publication."""
    if not date or not published or date.startswith("X"):
        return False
    when, pub = late_day(date), late_day(published)
    return bool(when and pub and (pub - when).days > HISTORICAL_DAYS)


def fill_years(events: list[Event]) -> None:
    """Give year-less dates ("13 ستمبر", "گزشتہ جون") the year of the page's own latest dated event,
    when the page has no usable publication date: a story is told from one moment, so an event
    dated through an office tenure (seed 000's 2024-09-13) dates its year-less neighbours too."""
    anchors = [
        (p.year, p.month or 0, p.day or 0)
        for e in events
        if e.time_precision == "day" and (p := parse_partial(e.time)) and p.year is not None
    ]
    if not anchors:
        return
    year, month, _ = max(anchors)
    for event in events:
        p = parse_partial(event.time)
        if event.time is None or p is None or p.year is not None or p.month is None:
            continue
        # the anchor's year, unless the month comes after the anchor's (a December date told in a
        # January story); a report a day after the anchored event stays in its year
        event.time = with_year(event.time, year - (p.month > month))
        event.time_source = "document"
        event.actor_states = states_of(event.actors, event.time)
        event.recipient_states = states_of(event.recipients, event.time)
