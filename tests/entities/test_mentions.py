"""The entities stage on hand-built text: gazetteer, titles, partial names, linking, offsets.

Most tests switch the statistical NER off so they test this stage alone; one feeds it a fake
tagger. None depends on what the real NER model outputs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khabar.document import Document, Mention, Segment, Source
from khabar.entities import mentions as stage_module
from khabar.entities.mentions import find_mentions
from khabar.kb import load_kb
from khabar.kb.loader import Entity
from khabar.kb.wikidata import extend_kb  # noqa: F401  (import check: the importer loads)
from khabar.stages.entities import entities


@pytest.fixture(autouse=True)
def no_ner(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(stage_module, "_ner", lambda: None)
    yield


def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_gazetteer_mentions_have_spans_labels_and_ids() -> None:
    text = "روسی سلامتی کونسل کے سکریٹری سرگئی شوئیگو نے پیانگ یانگ کا دورہ کیا۔"
    found = find_mentions(text, "ur")
    for m in found:
        assert text[m.start : m.end] == m.text
    got = _by_text(found)
    assert got["روسی سلامتی کونسل"].label == "ORG"
    assert got["سرگئی شوئیگو"].kb_id == "per:sergei-shoigu" == got["سرگئی شوئیگو"].entity
    assert got["پیانگ یانگ"].label == "LOC" and got["پیانگ یانگ"].kb_id == "loc:pyongyang"
    role = got["سکریٹری"]
    assert role.label == "ROLE" and role.role_of == "per:sergei-shoigu" and role.kb_id is None


def test_offsets_point_into_the_original_text_with_harakat_and_arabic_letters() -> None:
    text = "کِم جونگ اُن اور شوئيگو"  # zer, pesh, Arabic yeh
    got = _by_text(find_mentions(text, "ur"))
    assert got["کِم جونگ اُن"].entity == "per:kim-jong-un"
    assert got["شوئيگو"].entity == "per:sergei-shoigu"


def test_hindi_titles_and_honorifics() -> None:
    text = "रक्षा मंत्री राजनाथ सिंह ने कहा। श्री शोइगु आए।"
    got = _by_text(find_mentions(text, "hi"))
    assert got["रक्षा मंत्री"].role_of == "per:rajnath-singh"
    assert got["शोइगु"].entity == "per:sergei-shoigu"
    assert "श्री" not in got  # honorifics mark names but are not roles


def test_title_pattern_introduces_an_unknown_name_with_a_stable_id() -> None:
    one = find_mentions("مسٹر زبیر قاسمی نے کہا", "ur")
    two = find_mentions("صدر زبیر قاسمی نے کہا", "ur")
    name_one = _by_text(one)["زبیر قاسمی"]
    name_two = _by_text(two)["زبیر قاسمی"]
    assert name_one.label == "PERSON" and name_one.kb_id is None and name_one.method == "title"
    assert name_one.entity == name_two.entity and name_one.entity.startswith("u:")
    assert _by_text(two)["صدر"].role_of == name_two.entity


def test_generic_titles_attach_but_introduce_no_names() -> None:
    got = _by_text(find_mentions("وزیر خزانہ نے کہا۔ وزیر تجارت آئے۔ وزیر بیلوسوف آئے۔", "ur"))
    assert got["وزیر خزانہ"].label == "ROLE" and got["وزیر خزانہ"].role_of is None
    assert "تجارت" not in got  # a portfolio, not a name
    assert got["وزیر"].role_of == "per:andrei-belousov"


def test_words_between_a_title_and_a_known_name_join_the_name() -> None:
    found = find_mentions("وزیراعظم محمد نواز شریف نے کہا", "ur")
    assert [(m.label, m.text, m.entity) for m in found] == [
        ("ROLE", "وزیراعظم", "role:prime_minister"),
        ("PERSON", "محمد نواز شریف", "per:nawaz-sharif"),
    ]
    assert found[0].role_of == "per:nawaz-sharif"


def test_title_pattern_links_an_unlisted_spelling_and_the_document_records_it() -> None:
    text = "مسٹر بیلوسوو نے کہا"
    doc = entities(_document(text, "ur"))
    got = _by_text(doc.mentions)["بیلوسوو"]
    assert got.entity == "per:andrei-belousov" and got.method == "fuzzy"
    # Where the link was seen is the mention on the document (stored with it), not the KB.
    stored = Document.from_dict(doc.to_dict())
    evidence = [(stored.id, m.start, m.end) for m in stored.mentions if m.method == "fuzzy"]
    assert evidence == [(doc.id, 5, 12)] and doc.id
    assert load_kb().lookup("بیلوسوو", fuzzy=False) == []  # the shared KB was not taught it


def test_surname_after_the_full_name_in_the_same_document() -> None:
    text = "کم جونگ ان نے کہا۔ بعد میں کم نے بتایا اور کم جونگ نے بھی۔"
    found = [m for m in find_mentions(text, "ur") if m.label == "PERSON"]
    assert [m.text for m in found] == ["کم جونگ ان", "کم", "کم جونگ"]
    assert {m.entity for m in found} == {"per:kim-jong-un"}
    assert find_mentions("کم از کم دس لوگ", "ur") == []  # no Kim in the document, no partial


def test_split_word_and_english_caps_rules() -> None:
    got = _by_text(find_mentions("ماسکو اور پیانگ یا نگ میں نوازشریف", "ur"))
    assert got["پیانگ یا نگ"].entity == "loc:pyongyang"
    assert got["نوازشریف"].entity == "per:nawaz-sharif"
    english = find_mentions("Let us go. The US and the UN met Kim Jong-Un (AP).", "en")
    assert [(m.text, m.entity) for m in english if m.label != "ROLE"] == [
        ("US", "loc:united-states"),
        ("UN", "org:un"),
        ("Kim Jong-Un", "per:kim-jong-un"),
        ("AP", "org:associated-press"),
    ]


def test_urls_name_nothing() -> None:
    assert find_mentions("ماخذ: https://example.org/president-of-russia.html", "ur") == []


def test_ner_spans_are_linked_or_get_unlinked_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "पुतिन और ज़ुबैर क़ासमी मिले"

    def fake(t: str, lang: str) -> list[tuple[int, int, str]]:
        return [(0, 5, "PERSON"), (9, 22, "PERSON")]

    monkeypatch.setattr(stage_module, "_ner", lambda: fake)
    got = _by_text(find_mentions(text, "hi"))
    assert got["पुतिन"].method == "gazetteer"  # the KB wins where both found a name
    assert got["ज़ुबैर क़ासमी"].method == "ner" and got["ज़ुबैर क़ासमी"].entity.startswith("u:")


def _document(text: str, lang: str, uri: str = "x.txt") -> Document:
    """A document ready for the entities stage (text frozen, one body segment)."""
    return Document(
        source=Source(uri=uri, kind="txt"),
        raw=text,
        text=text,
        lang=lang,
        segments=[Segment(0, len(text), lang=lang)],
        frozen=True,
    )


def test_stage_fills_mentions_and_round_trips() -> None:
    text = "صدر پوتن ماسکو میں"
    doc = entities(_document(text, "ur"))
    assert [(m.label, m.entity) for m in doc.mentions] == [
        ("ROLE", "role:president"),
        ("PERSON", "per:vladimir-putin"),
        ("LOC", "loc:moscow"),
    ]
    assert Document.from_dict(doc.to_dict()).mentions == doc.mentions


def test_custom_kb() -> None:
    from khabar.kb import KnowledgeBase

    kb = KnowledgeBase([Entity("loc:x", "LOC", "Xanadu", aliases={"Arab": ["زانادو"]})])
    assert [m.entity for m in find_mentions("زانادو میں", "ur", kb=kb)] == ["loc:x"]


def test_without_a_model_file_the_gazetteer_still_finds_names(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(t: str, lang: str) -> list[tuple[int, int, str]]:
        raise AssertionError("the tagger ran without a model")

    monkeypatch.setattr(stage_module, "_ner", lambda: must_not_run)
    monkeypatch.setattr(stage_module.ner, "has_model", lambda lang: False)
    got = _by_text(find_mentions("पुतिन और ज़ुबैर क़ासमी मिले", "hi"))
    assert got["पुतिन"].method == "gazetteer" and "ज़ुबैर क़ासमी" not in got
