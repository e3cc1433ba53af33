"""Choose the anchor for time resolution, and correct the publication date when content refutes it.

Order of trust:

1. a publication-date candidate the page states as such (meta tags, reader fields,
   "Updated:"/"Published:" lines, the URL, a date line in the text) — the best one;
2. a date banner at the top of the page (``page_header``), unless the content contradicts it:
   a banner is often the day the page was rendered (seed 004 shows "بدھ, فروری 18, 2026"
   over a June 2025 story). It is contradicted when, read against the banner,
   - the story says "this year" (اس سال, رواں برس, इस साल) yet its dates fall months before the
     banner's year, or
   - it names a weekday for its event and links that event to a dated one by a short interval
     ("two weeks before" … "4 June"), while the banner lies far beyond that interval.
   A contradicted banner is kept as the page date; the content's own date (its latest dated
   event, plus the linking interval) becomes the anchor and the publication month;
3. a context date: the date in a cited source's URL (seed 002 cites a dantri.com.vn URL dated
   20241129);
4. nothing: the file's modification time is when we got the file, never an anchor.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from khabar.dates import day_of, safe_date
from khabar.document import Document, PublishedDate
from khabar.timex.datelines import url_date
from khabar.timex.resolve import Anchor, closest_year
from khabar.timex.tagger import Timex

#: Sources that are never an anchor by themselves.
UNTRUSTED_SOURCES = frozenset({"file_mtime", "page_header"})
# A "this year" story whose dated events lie this many days or more before the banner (and in
# an earlier year) contradicts it: four months is beyond the "this year" a reporter writing in
# January or February might still use for last December (seed 004: 259 days).
THIS_YEAR_GAP_DAYS = 120
# A weekday names a day within the week before publication.
WEEKDAY_WINDOW_DAYS = 7
# Longest "N units before" that links a weekday event to a dated one ("two weeks before").
MAX_LINK_DAYS = 31
# Confidence of a cited source's URL date as an anchor: below a page's own URL (0.6 in the
# metadata stage) since the citing page may appear days later.
CITED_URL_CONFIDENCE = 0.5
# Confidence of a publication month estimated from the content of a page whose banner it refutes.
CONTENT_CONFIDENCE = 0.3
# A banner the content does not contradict: its own metadata confidence (0.3) stands.
_UNIT_DAYS = {"day": 1, "week": 7}


@dataclass
class AnchorChoice:
    """The anchor (or None), the publication date to keep, and the reasons for both."""

    anchor: Anchor | None
    published: PublishedDate | None
    reasons: list[str] = field(default_factory=list)


def _candidates(pub: PublishedDate | None) -> list[dict[str, Any]]:
    if pub is None:
        return []
    if pub.candidates:
        return list(pub.candidates)
    return [
        {"value": pub.value, "source": pub.source, "confidence": pub.confidence, "evidence": pub.evidence}
    ]


def _anchor(c: dict[str, Any], by: str) -> Anchor | None:
    day = day_of(str(c["value"]))
    if day is None:
        return None
    value = str(c["value"])
    clock = value[10:] if len(value) > 10 else ""
    return Anchor(day, str(c["source"]), by, float(c["confidence"]), str(c.get("evidence", "")), clock)


def banner_contradiction(banner: date, body: list[Timex]) -> tuple[list[str], date] | None:
    """Why the content refutes a page banner dated ``banner``, and the content's own date.

    None when nothing in ``body`` (the time expressions outside the date lines) contradicts it.
    """
    dated: list[tuple[date, Timex]] = []
    for t in body:
        if t.month is not None and t.day is not None:
            d = closest_year(t.month, t.day, banner) if t.year is None else safe_date(t.year, t.month, t.day)
            if d is not None and d < banner:
                dated.append((d, t))
    if not dated:
        return None
    latest, latest_t = max(dated, key=lambda p: p[0])
    gap = (banner - latest).days
    reasons: list[str] = []
    this_year = next((t for t in body if t.unit == "year" and t.shift == 0 and t.month is None), None)
    if this_year is not None and latest.year < banner.year and gap >= THIS_YEAR_GAP_DAYS:
        reasons.append(
            f'the story says "{this_year.text}" (this year) of events dated "{latest_t.text}", '
            "which the banner "
            f"{banner.isoformat()} would put in {latest.year}, {gap} days earlier"
        )
    links = [
        (abs(t.shift or 0) * _UNIT_DAYS[t.unit or ""], t)
        for t in body
        if t.unit in _UNIT_DAYS
        and t.shift is not None
        and t.shift < 0
        and not t.ambiguous_day
        and abs(t.shift) * _UNIT_DAYS[t.unit or ""] <= MAX_LINK_DAYS
    ]
    weekday = next((t for t in body if t.weekday is not None and not t.future), None)
    link_days = max((n for n, _ in links), default=0.0)
    if weekday is not None and links and gap > WEEKDAY_WINDOW_DAYS + link_days:
        link_t = max(links, key=lambda p: p[0])[1]
        reasons.append(
            f'the story\'s "{weekday.text}" event is linked by "{link_t.text}" '
            f'to events of "{latest_t.text}" '
            f"({latest.isoformat()} against the banner), yet the banner is {gap} days after them"
        )
    if not reasons:
        return None
    return reasons, latest + timedelta(days=int(link_days))


def choose_anchor(doc: Document, body: list[Timex]) -> AnchorChoice:
    """The anchor for ``doc``'s time expressions and the publication date to keep.

    ``body`` holds the time expressions outside the page's date lines.
    """
    # A candidate refused as implausible (year 0001 from a page's meta tag) is never an anchor.
    cands = [c for c in _candidates(doc.published) if not c.get("refused")]
    trusted = [c for c in cands if c.get("source") not in UNTRUSTED_SOURCES and day_of(str(c["value"]))]
    if trusted:
        best = max(trusted, key=lambda c: float(c["confidence"]))
        anchor = _anchor(best, "relative_to_publication")
        return AnchorChoice(anchor, doc.published, [f"anchor: the publication date from {best['source']}"])
    banners = [c for c in cands if c.get("source") == "page_header" and day_of(str(c["value"]))]
    if banners:
        banner = banners[0]
        banner_day = day_of(str(banner["value"]))
        assert banner_day is not None
        found = banner_contradiction(banner_day, body)
        if found is None:
            anchor = _anchor(banner, "relative_to_publication")
            return AnchorChoice(
                anchor, doc.published, ["anchor: the page banner; nothing in the story contradicts it"]
            )
        reasons, content_day = found
        return _refuted_banner(cands, banner, reasons, content_day)
    for url in doc.provenance.cited_urls:
        if value := url_date(url):
            cand = {
                "value": value,
                "source": "cited_url",
                "confidence": CITED_URL_CONFIDENCE,
                "evidence": url,
            }
            anchor = _anchor(cand, "context")
            published = doc.published
            if published is not None:
                published = replace(
                    published, candidates=[*_candidates(published), {**cand, "role": "anchor"}]
                )
            why = f"anchor: the date {value} in the cited source URL; the file time is not a publication date"
            return AnchorChoice(anchor, published, [why])
    return AnchorChoice(None, doc.published, ["no anchor: the page states no publication date"])


def _refuted_banner(
    cands: list[dict[str, Any]], banner: dict[str, Any], reasons: list[str], content_day: date
) -> AnchorChoice:
    why = "; ".join(reasons)
    evidence = (
        f"page banner {banner['value']} is the page's date, not the story's: {why}; "
        f"the story's own date is about {content_day.isoformat()}"
    )
    marked = [{**c, "role": "page_date", "rejected": why} if c is banner else c for c in cands]
    content = {
        "value": content_day.isoformat()[:7],
        "source": "content",
        "confidence": CONTENT_CONFIDENCE,
        "evidence": evidence,
    }
    published = PublishedDate(
        value=content_day.isoformat()[:7],
        source="content",
        confidence=CONTENT_CONFIDENCE,
        evidence=evidence,
        candidates=[*marked, content],
    )
    anchor = Anchor(content_day, "content", "context", CONTENT_CONFIDENCE, evidence)
    return AnchorChoice(anchor, published, [evidence])
