"""The events stage on hand-built documents and on short texts run through the default stages."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.config import Config
from khabar.document import Document, Mention, Segment, Source, TimeRef
from khabar.pipeline import Pipeline, build
from khabar.registry import REGISTRY
from khabar.stages.events import code_events


def _doc(
    text: str, lang: str, mentions: list[tuple[str, str, str]], times: list[tuple[str, str]] = ()
) -> Document:
    """A document whose mentions (surface, label, entity) and times (surface, value) are placed by hand."""
    doc = Document(source=Source(uri="test:" + text[:10], kind="txt"), raw=text, text=text, lang=lang)
    doc.segments = [Segment(0, len(text), "body", lang)]
    for surface, label, entity in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention(start, start + len(surface), label, entity, 1.0, surface, entity))
    for surface, value in times:
        start = text.index(surface)
        doc.times.append(TimeRef(start, start + len(surface), value, "day", text=surface))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return build(Config().stages)


def _run(text: str) -> Document:
    return _pipeline().process(Document(source=Source(uri="test:" + text[:12], kind="txt"), raw=text))


def test_the_stage_is_registered_after_time() -> None:
    build(Config().stages)
    spec = REGISTRY["events"]
    assert {"mentions", "times", "segments"} <= spec.requires
    assert spec.assigns == {"events", "claims"}
    assert Config().stages[-1] == "events"


def test_urdu_ergative_meeting_by_hand() -> None:
    text = "13 ستمبر کو سرگئی شوئیگو نے پیانگ یانگ میں کم جونگ ان سے ملاقات کی۔"
    doc = code_events(
        _doc(
            text,
            "ur",
            [
                ("سرگئی شوئیگو", "PERSON", "per:sergei-shoigu"),
                ("پیانگ یانگ", "LOC", "loc:pyongyang"),
                ("کم جونگ ان", "PERSON", "per:kim-jong-un"),
            ],
            [("13 ستمبر", "2024-09-13")],
        )
    )
    [event] = doc.events
    assert (event.type, event.mode) == ("CONSULT", "meet")
    assert event.actors == ["per:sergei-shoigu"] and event.recipients == ["per:kim-jong-un"]
    assert event.actor_states == ["loc:russia"] and event.recipient_states == ["loc:north-korea"]
    assert event.place == "loc:pyongyang"
    assert (event.time, event.time_precision, event.time_ref, event.time_source) == (
        "2024-09-13",
        "day",
        0,
        "sentence",
    )
    assert text[event.trigger_start : event.trigger_end] == "ملاقات"
    assert (event.evidence_start, event.evidence_end) == (0, len(text))


def test_hindi_accusation_with_its_content_not_coded() -> None:
    text = "अमेरिका ने उत्तर कोरिया पर रूस को मिसाइलों की आपूर्ति करने का आरोप लगाया।"
    doc = code_events(
        _doc(
            text,
            "hi",
            [
                ("अमेरिका", "LOC", "loc:united-states"),
                ("उत्तर कोरिया", "LOC", "loc:north-korea"),
                ("रूस", "LOC", "loc:russia"),
            ],
        )
    )
    assert [(e.type, e.actors, e.recipients) for e in doc.events] == [
        ("ACCUSE", ["loc:united-states"], ["loc:north-korea"])
    ]
    [claim] = doc.claims
    assert (claim.speaker, claim.stance, claim.target, claim.event) == (
        "loc:united-states",
        "accuse",
        "loc:north-korea",
        0,
    )


def test_denial_answers_the_accusation_and_names_the_accuser() -> None:
    doc = _run(
        "امریکہ نے شمالی کوریا پر الزام لگایا ہے کہ وہ روس کو میزائل دے رہا ہے۔ "
        "روس اور شمالی کوریا نے ان الزامات کی تردید کی ہے۔"
    )
    kinds = [(e.type, e.actors, e.recipients) for e in doc.events]
    assert kinds == [
        ("ACCUSE", ["loc:united-states"], ["loc:north-korea"]),
        ("REJECT", ["loc:russia", "loc:north-korea"], ["loc:united-states"]),
    ]
    accusation = next(i for i, c in enumerate(doc.claims) if c.stance == "accuse")
    denials = [c for c in doc.claims if c.stance == "deny"]
    assert {c.speaker for c in denials} == {"loc:russia", "loc:north-korea"}
    assert all(c.answers == accusation for c in denials)


def test_negation_future_and_condition_flags() -> None:
    negated = _run("روس نے ان خبروں کی تردید نہیں کی۔").events
    assert negated and negated[0].negated
    future = _run("شوئیگو کم جونگ ان سے ملاقات کریں گے۔").events
    assert future and future[0].future
    conditional = _run("حملے کی صورت میں روس اور شمالی کوریا ایک دوسرے کو فوجی مدد فراہم کریں گے۔").events
    assert conditional and all(e.hypothetical for e in conditional)


def test_english_subject_verb_object() -> None:
    doc = _run("Russia accused Ukraine of shelling the plant on Monday.")
    first = doc.events[0]
    assert first.type == "ACCUSE" and first.actors == ["loc:russia"] and first.recipients == ["loc:ukraine"]


def test_people_keep_their_state_for_the_date() -> None:
    doc = _run("وزیر دفاع سرگئی شوئیگو نے 5 مارچ 2015 کو بیجنگ کا دورہ کیا۔")
    [visit] = [e for e in doc.events if e.mode == "visit"]
    assert visit.actor_states == ["loc:russia"]
    assert visit.recipients == ["loc:china"] and visit.place == "loc:beijing"
    assert visit.time == "2015-03-05"


def test_document_without_triggers_has_no_events() -> None:
    doc = _run("آج موسم خوشگوار رہا اور شہر میں بارش نہیں ہوئی۔")
    assert doc.events == [] and doc.claims == []


_WORDS = st.sampled_from(
    [
        "روس",
        "نے",
        "شمالی کوریا",
        "سے",
        "ملاقات",
        "کی",
        "الزام",
        "پر",
        "کہا",
        "کہ",
        "تردید",
        "۔",
        "،",
        "KCNA",
        "दौरा",
        "ने",
        "मुलाकात",
        "किया",
        "।",
        "आरोप",
        "met",
        "accused",
        "Russia",
        "(",
        ")",
        "13",
        "ستمبر",
        "\n",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=25))
@example(["الزام", "KCNA", "نے"])  # a common noun acts: the event has actor_nouns, no party
def test_spans_stay_inside_the_text(words: list[str]) -> None:
    doc = _run(" ".join(words))
    if doc.rejected:
        return
    n = len(doc.text)
    for e in doc.events:
        assert 0 <= e.evidence_start <= e.trigger_start < e.trigger_end <= e.evidence_end <= n
        assert doc.text[e.trigger_start : e.trigger_end] == e.text
        assert e.actors or e.actor_nouns  # a party acts, or a common noun does ("پولیس نے")
    for c in doc.claims:
        assert 0 <= c.start <= c.end <= n
        assert c.answers is None or 0 <= c.answers < len(doc.claims)
        assert c.event is None or 0 <= c.event < len(doc.events)
