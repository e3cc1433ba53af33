"""Issue 13 item 8 rules beyond the seeds (hand-written sentences): announced English events coded
as PLOVER codes intentions, purpose clauses and displays that are no events, sentencing and
stone-throwing, the learned classifier that keeps disasters out, and its training data rules."""

from __future__ import annotations

import math

import pytest

from khabar.document import Document, Event, Mention, Segment, Source
from khabar.events.train_types import EDNIL_ASSAULT, heldout_doc
from khabar.events.type_model import NONE, load_type_model, ngrams
from khabar.stages.events import code_events


def _coded(text: str, lang: str, mentions: tuple[tuple[str, str, str], ...] = ()) -> list[Event]:
    doc = Document(source=Source(uri="test:" + text[:10], kind="txt"), raw=text, text=text, lang=lang)
    doc.segments = [Segment(0, len(text), "body", lang)]
    for surface, label, entity in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention(start, start + len(surface), label, entity, 1.0, surface, entity))
    doc.mentions.sort(key=lambda m: m.start)
    return code_events(doc).events


def _happened(events: list[Event]) -> list[Event]:
    return [e for e in events if not (e.future or e.hypothetical or e.negated)]


PAK = (("Pakistan", "LOC", "loc:pakistan"),)


def test_announced_support_is_an_agreement() -> None:
    events = _coded("Pakistan said it will support the new resolution in the assembly.", "en", PAK)
    assert [e.type for e in events] == ["AGREE"] and events[0].mode == "intent"


def test_announced_boycott_is_a_threat() -> None:
    events = _coded("Pakistan said it would boycott the summit unless the talks resumed.", "en", PAK)
    assert events and events[0].type == "THREATEN"


def test_announced_refusal_is_a_rejection() -> None:
    events = _coded("Pakistan said it will not accept more refugees this year.", "en", PAK)
    assert events and events[0].type == "REJECT" and not events[0].negated


def test_new_english_types() -> None:
    events = _happened(_coded("Pakistan carried out air strikes on militant hideouts on Sunday.", "en", PAK))
    assert [e.type for e in events] == ["ASSAULT"]
    events = _happened(_coded("Pakistan imposed a blockade on the border town.", "en", PAK))
    assert [e.type for e in events] == ["COERCE"]


def test_disasters_are_not_political_events() -> None:
    text = "Floods in Sindh killed 30 people and swept away hundreds of homes in Pakistan."
    assert [e for e in _coded(text, "en", PAK) if e.type == "ASSAULT"] == []


def test_a_purpose_is_not_an_event() -> None:
    text = "عمران خان نے پارلیمنٹ پر حملہ کیلیے اپنے کارکنوں کی حوصلہ افزائی کی۔"
    assert [e for e in _happened(_coded(text, "ur")) if e.type == "ASSAULT"] == []
    text = "लोगों ने उनकी रिहाई के लिए अदालत में अर्जी दी।"
    assert [e for e in _happened(_coded(text, "hi")) if e.type == "CONCEDE"] == []


def test_a_performance_is_not_a_protest() -> None:
    assert [e for e in _coded("मुक्केबाज विकास ने बेहतर प्रदर्शन किया।", "hi") if e.type == "PROTEST"] == []
    assert [e for e in _coded("सुखबीर बादल के शक्ति प्रदर्शन ने गरमाहट भर दी।", "hi") if e.type == "PROTEST"] == []


def test_sentencing_and_stone_throwing() -> None:
    (event,) = _happened(_coded("अदालत ने आरोपी को दो साल कैद की सजा सुनाई।", "hi"))
    assert event.type == "COERCE" and event.actor_nouns == ["अदालत"]
    events = _happened(_coded("مظاہرین نے پولیس پر پتھراؤ کیا۔", "ur"))
    assert [e.type for e in events] == ["PROTEST"] and events[0].recipient_nouns == ["پولیس"]


def test_type_model_probabilities() -> None:
    model = load_type_model()
    if model is None:
        pytest.fail("the shipped type model is missing: run khabar train events")
    probs = model.probabilities("Troops shelled the rebel positions overnight.")
    assert math.isclose(sum(probs.values()), 1.0, rel_tol=1e-6)
    assert NONE in probs and model.best("Troops shelled the rebel positions overnight.")[0] == "ASSAULT"
    assert model.best("Heavy rain and floods damaged crops in the district.")[0] == NONE
    assert model.probabilities("")  # no known n-gram: the priors, not a crash


def test_ngrams_and_held_out_documents() -> None:
    assert ngrams("Police fired tear-gas") == [
        "police",
        "fired",
        "tear",
        "gas",
        "police fired",
        "fired tear",
        "tear gas",
    ]
    assert heldout_doc(15) and heldout_doc("file20") and not heldout_doc("file21") and not heldout_doc("x")
    assert "SUICIDE_ATTACK" in EDNIL_ASSAULT


def _claims(text: str, mentions: tuple[tuple[str, str, str], ...]) -> list[tuple[str | None, str]]:
    doc = Document(source=Source(uri="test:" + text[:10], kind="txt"), raw=text, text=text, lang="en")
    doc.segments = [Segment(0, len(text), "body", "en")]
    for surface, label, entity in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention(start, start + len(surface), label, entity, 1.0, surface, entity))
    doc.mentions.sort(key=lambda m: m.start)
    return [(c.speaker, c.text) for c in code_events(doc).claims]


SHOIGU = (
    ("Sergei Shoigu", "PERSON", "per:sergei-shoigu"),
    ("Security Council of Russia", "ORG", "org:russian-security-council"),
)


def test_an_organisation_speaks_through_its_named_officer() -> None:
    text = (
        "Sergei Shoigu arrived in Pyongyang on Friday. "
        "The Security Council of Russia said the talks were useful."
    )
    assert ("per:sergei-shoigu", "the talks were useful") in _claims(text, SHOIGU)


def test_an_organisation_speaking_about_its_officer_keeps_the_statement() -> None:
    text = "The Security Council of Russia said that Sergei Shoigu would travel to Pyongyang."
    speakers = [speaker for speaker, _ in _claims(text, SHOIGU)]
    assert speakers == ["org:russian-security-council"]
