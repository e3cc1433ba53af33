"""Publication-date candidates of a document and the choice of ``Document.published``.

Dates are read from every place a page states one (HTML meta tags, reader fields, an
"Updated:" line, a date banner at the top, the URL, the file time), each kept as a candidate
with a source and a confidence; the most trustworthy one becomes ``Document.published``.
"""

from __future__ import annotations

from typing import Any

from khabar.dates import implausible_year
from khabar.document import Document, PublishedDate
from khabar.kb.outlets import outlet_for
from khabar.timex.datelines import dateline_label, dateline_parts, find_date, parse_iso, url_date

# Confidence of each kind of date candidate. Set by hand (no dated gold set exists for
# Urdu/Hindi pages) as a ranking: explicit publication meta tags (0.9) and htmldate's choice
# (0.75), both set in html_extract, and reader fields are what publishers mean as the date;
# an "Updated:" line
# is at or after publication; a date in the URL is usually the publication day; a banner at
# the very top is often the day the page was rendered (seed 004 shows 2026-02-18 over an
# older story); the file time is only when we got it.
JSONL_CONFIDENCE = 0.85
PUBLISHED_LINE_CONFIDENCE = 0.8
UPDATED_LINE_CONFIDENCE = 0.7
URL_CONFIDENCE = 0.6
TEXT_DATE_LINE_CONFIDENCE = 0.5
# An unlabelled date line between the headline and the story ("09-03-2023 | 7:44 pm") is the
# page's own statement of its date: above htmldate's generic guess (0.75), below a labelled line.
HEADLINE_DATE_CONFIDENCE = 0.78
# Countries whose outlets write numeric dates month first ("03/09/2023" is 9 March there).
MONTH_FIRST_COUNTRIES = frozenset({"US"})
PAGE_HEADER_CONFIDENCE = 0.3
FILE_MTIME_CONFIDENCE = 0.1
# A candidate later than the fetch time cannot be the publication date as stated; it keeps
# this share of its confidence (it may still be right if the clock or zone is off).
FUTURE_PENALTY = 0.5


def _candidate(value: str, source: str, confidence: float, evidence: str, **span: int) -> dict[str, Any]:
    return {"value": value, "source": source, "confidence": confidence, "evidence": evidence, **span}


def _line_candidates(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen_content = seen_body = False
    month_first = _month_first(doc)
    for seg in doc.segments:
        if seg.kind != "dateline":
            seen_content = True
            seen_body = seen_body or seg.kind == "body"
            continue
        line = doc.text[seg.start : seg.end]
        for offset, part in dateline_parts(line):
            hit = find_date(part)
            if hit is None:
                continue
            label = dateline_label(part)
            if label is not None:
                source = "updated_line"
                conf = UPDATED_LINE_CONFIDENCE if label == "updated" else PUBLISHED_LINE_CONFIDENCE
            elif not seen_content:
                source, conf = "page_header", PAGE_HEADER_CONFIDENCE
            elif not seen_body:
                source, conf = "headline_date", HEADLINE_DATE_CONFIDENCE
            else:
                source, conf = "text", TEXT_DATE_LINE_CONFIDENCE
            span = {"start": seg.start + offset + hit.start, "end": seg.start + offset + hit.end}
            cand = _candidate(hit.value, source, conf, line, **span)
            if hit.alternative:
                _day_month_order(cand, hit.alternative, month_first)
            out.append(cand)
    return out


def _month_first(doc: Document) -> str | None:
    """The outlet's country when it writes numeric dates month first (US), else None."""
    outlet = outlet_for(doc.source.url) if doc.source.url else None
    return outlet.country if outlet is not None and outlet.country in MONTH_FIRST_COUNTRIES else None


def _day_month_order(cand: dict[str, Any], alternative: str, month_first: str | None) -> None:
    """Record the other reading of an ambiguous numeric date; take it on a month-first outlet."""
    if month_first:
        cand["alternative"], cand["value"] = cand["value"], alternative
        cand["order"] = f"month first: the outlet is in {month_first}"
    else:
        cand["alternative"] = alternative
        cand["order"] = "day first, as Indian and Pakistani pages write it"


def date_candidates(doc: Document) -> list[dict[str, Any]]:
    """Every publication-date candidate the document offers, as dicts (value, source, …)."""
    out = [dict(c) for c in doc.meta.get("date_candidates") or []]
    published = doc.meta.get("published")
    if published:
        raw = str(published)
        value = parse_iso(raw) or (hit.value if (hit := find_date(raw)) else None)
        if value:
            out.append(_candidate(value, "jsonl", JSONL_CONFIDENCE, raw))
    out.extend(_line_candidates(doc))
    if doc.source.url and (value := url_date(doc.source.url)):
        out.append(_candidate(value, "url", URL_CONFIDENCE, doc.source.url))
    for c in out:
        refuse(c)
    fetched = parse_iso(doc.source.fetched) if doc.source.fetched else None
    if fetched is None or implausible_year(fetched):
        return out
    for c in out:
        if c["value"][:10] > fetched[:10]:
            c["confidence"] = round(c["confidence"] * FUTURE_PENALTY, 3)
    out.append(_candidate(fetched, "file_mtime", FILE_MTIME_CONFIDENCE, str(doc.source.fetched)))
    return out


def refuse(candidate: dict[str, Any]) -> dict[str, Any]:
    """Mark ``candidate`` refused (``refused``: the reason, confidence 0) when its year cannot be a
    news date (before 1900, after 2100: see :func:`khabar.dates.implausible_year`); return it."""
    reason = candidate.get("refused") or implausible_year(str(candidate.get("value", "")))
    if reason:
        candidate["refused"] = reason
        candidate["confidence"] = 0.0
    return candidate


def pick_published(candidates: list[dict[str, Any]]) -> PublishedDate | None:
    """The most trustworthy candidate as a PublishedDate (first one wins a tie), or None.

    Refused candidates are never picked; they stay in ``candidates`` with their reason.
    """
    usable = [c for c in candidates if not c.get("refused")]
    if not usable:
        return None
    best = max(usable, key=lambda c: c["confidence"])  # max keeps the first of equals
    return PublishedDate(
        value=best["value"],
        source=best["source"],
        confidence=best["confidence"],
        evidence=best.get("evidence", ""),
        candidates=candidates,
    )
