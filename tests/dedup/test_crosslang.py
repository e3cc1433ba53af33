"""Script-independent line keys, anchors, monotone alignment and the translation decision."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.dedup import crosslang, decide
from khabar.dedup.align import align_lines
from khabar.dedup.signature import content_text, text_words
from khabar.document import CitedSource, Document, Mention, Provenance, Segment, Source, TimeRef

UR = [
    "13 ستمبر کو روسی سلامتی کونسل کے سیکرٹری سرگئی شوئیگو نے پیانگ یانگ میں کم جونگ ان سے ملاقات کی۔",
    "14 ستمبر کو کورین سنٹرل نیوز ایجنسی نے ملاقات کی اطلاع دی۔",
    "دونوں فریقوں نے 2024 میں طے پانے والے معاہدے پر بات کی۔",
]
HI = [
    "13 सितंबर को रूसी सुरक्षा परिषद के सचिव सर्गेई शोइगु ने प्योंगयांग में किम जोंग उन से मुलाकात की।",
    "14 सितंबर को कोरियाई सेंट्रल न्यूज एजेंसी ने बैठक की सूचना दी।",
    "दोनों पक्षों ने 2024 में हुए समझौते पर बात की।",
]


def make(lines: list[str], lang: str, **kw: object) -> Document:
    text = "\n".join(lines)
    segments, pos = [], 0
    for line in lines:
        segments.append(Segment(pos, pos + len(line), "body", lang))
        pos += len(line) + 1
    return Document(
        source=Source(uri=f"t:{lang}", kind="txt"), raw=text, text=text, lang=lang, segments=segments, **kw
    )  # type: ignore[arg-type]


def test_names_and_numbers_get_the_same_keys_in_both_scripts() -> None:
    ur, hi = crosslang.line_keys(UR[0]), crosslang.line_keys(HI[0])
    assert {"#13", "srg", "sg"} <= ur & hi


def test_a_translation_aligns_line_by_line() -> None:
    a, b = crosslang.content_lines(make(UR, "ur")), crosslang.content_lines(make(HI, "hi"))
    assert crosslang.key_alignment(a, b) > crosslang.key_alignment(a, list(reversed(b)))
    assert crosslang.key_alignment(a, b) >= decide.KEY_THRESHOLD


def test_anchors_hold_entities_dates_urls_numbers_and_a_key_sample() -> None:
    doc = make(
        UR,
        "ur",
        mentions=[
            Mention(0, 1, "PERSON", entity="per:sergei-shoigu"),
            Mention(0, 1, "ROLE", entity="role:chairman"),
        ],
        times=[TimeRef(0, 1, "2024-09-13T10:00"), TimeRef(0, 1, "2024-09")],
        provenance=Provenance(
            cited=[CitedSource("url", "https://example.org/a"), CitedSource("agency", "KCNA")]
        ),
    )
    anchors = crosslang.anchors(doc, text_words(content_text(doc)))
    assert {
        "e:per:sergei-shoigu",
        "t:2024-09-13",
        "u:https://example.org/a",
        "a:KCNA",
        "#13",
        "#2024",
    } <= anchors
    assert "e:role:chairman" not in anchors and "t:2024-09" not in anchors and "w:KCNA|2024-09-13" in anchors
    # Enough names, numbers and sources: no content-word keys are needed.
    assert not any(a.startswith("k:") for a in anchors)
    plain = make(["علامات کتنے عرصے سے جاری ہیں اور بخار کے ساتھ کھانسی بھی ہے"], "ur")
    sample = [a for a in crosslang.anchors(plain, text_words(content_text(plain))) if a.startswith("k:")]
    assert 0 < len(sample) <= crosslang.ANCHOR_KEYS


def test_translations_share_anchors() -> None:
    ur, hi = make(UR, "ur"), make(HI, "hi")
    shared = crosslang.anchors(ur, text_words(content_text(ur))) & crosslang.anchors(
        hi, text_words(content_text(hi))
    )
    assert {"#13", "#14", "#2024"} <= shared


def test_monotone_alignment_keeps_order_and_skips_unmatched() -> None:
    scores = {(0, 1): 0.9, (1, 0): 0.8, (2, 2): 0.5}
    total, pairs = crosslang.monotone_alignment(3, 3, lambda i, j: scores.get((i, j), 0.0))
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (2, 2)]
    assert total == 1.4


def test_judge_uses_keys_without_vectors_and_coverage_with_them() -> None:
    assert decide.judge(0.5, 0.9).translation and decide.judge(0.5, 0.9).method == "keys"
    assert not decide.judge(0.1, 0.9).translation
    assert not decide.judge(0.9, 0.2).translation  # an excerpt, not a translation
    assert decide.judge(0.3, 0.9, coverage=0.95).method == "semantic"
    assert not decide.judge(0.3, 0.9, coverage=0.5).translation
    assert not decide.judge(0.05, 0.9, coverage=0.99).translation


def test_align_lines_pairs_translated_lines_in_order() -> None:
    a, b = crosslang.content_lines(make(UR, "ur")), crosslang.content_lines(make(HI, "hi"))
    rows = align_lines(a, b)
    paired = [(r["a"]["text"], r["b"]["text"]) for r in rows if r["a"] and r["b"]]
    assert paired[0] == (UR[0], HI[0]) and len(paired) >= 2


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(UR + HI), max_size=6), st.lists(st.sampled_from(UR + HI), max_size=6))
def test_alignment_shows_every_line_once_in_order(xs: list[str], ys: list[str]) -> None:
    a = crosslang.content_lines(make(xs, "ur")) if xs else []
    b = crosslang.content_lines(make(ys, "hi")) if ys else []
    rows = align_lines(a, b)
    assert [r["a"]["start"] for r in rows if r["a"]] == [line.start for line in a]
    assert [r["b"]["start"] for r in rows if r["b"]] == [line.start for line in b]


def test_event_fingerprints_are_anchors_when_events_exist() -> None:
    from khabar.document import Event

    doc = make(UR, "ur")
    assert crosslang.event_fingerprints(doc) == set()
    doc.events = [
        Event(
            "CONSULT",
            0,
            1,
            0,
            1,
            actor_states=["loc:russia"],
            recipient_states=["loc:north-korea"],
            time="2024-09-13",
        ),
        Event("ACCUSE", 0, 1, 0, 1, time="2024-09-13", hypothetical=True),
        Event("AGREE", 0, 1, 0, 1),
    ]
    assert crosslang.event_fingerprints(doc) == {"CONSULT|loc:russia|loc:north-korea|2024-09-13"}
    assert "v:CONSULT|loc:russia|loc:north-korea|2024-09-13" in crosslang.anchors(doc, [])
