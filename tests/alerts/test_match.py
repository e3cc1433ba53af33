"""Matching one document against an alert's rule, and what matched."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.alerts.match import Candidate, match_document, snippet_around
from khabar.alerts.rules import AlertError, Rule, event_type, make_rule, webhook_url
from khabar.document import Document, Event, Mention, Source
from khabar.text.fold import query_key
from khabar.text.tokens import NAME_WORD_RE

TEXT = "Sergei Shoigu arrived in Pyongyang.\nHe met Kim Jong Un and discussed DÉFENSE ties."


def document(lang: str = "en") -> Document:
    doc = Document(source=Source(uri="hand.txt", kind="txt"))
    doc.id = "d1"
    doc.text = TEXT
    doc.title = "Shoigu in Pyongyang"
    doc.lang = lang
    shoigu = TEXT.index("Sergei Shoigu")
    kim = TEXT.index("Kim Jong Un")
    met = TEXT.index("met")
    doc.mentions = [
        Mention(kim, kim + 11, "PERSON", "per:kim-jong-un", 1.0, "Kim Jong Un", "per:kim-jong-un"),
        Mention(
            shoigu, shoigu + 13, "PERSON", "per:sergei-shoigu", 1.0, "Sergei Shoigu", "per:sergei-shoigu"
        ),
    ]
    doc.events = [
        Event("ACCUSE", 0, 6, 0, 35, actors=["per:nobody"]),
        Event(
            "CONSULT",
            met,
            met + 3,
            36,
            len(TEXT),
            mode="meet",
            actors=["per:sergei-shoigu"],
            recipients=["per:kim-jong-un"],
            text="met",
        ),
    ]
    return doc


def test_an_entity_matches_its_first_mention_with_a_snippet() -> None:
    found = match_document(Rule("Shoigu", ("per:sergei-shoigu",)), document())
    assert found is not None
    assert found["kind"] == "entity" and found["entity"] == "per:sergei-shoigu"
    assert found["text"] == "Sergei Shoigu" and found["start"] == 0
    a, b = found["mark"]
    assert found["snippet"][a:b] == "Sergei Shoigu"
    assert "\n" not in found["snippet"]


def test_query_text_matches_folded_words_on_word_boundaries() -> None:
    found = match_document(Rule("defense TIES"), document())
    assert found is not None and found["kind"] == "text"
    assert found["text"] == "DÉFENSE ties"
    assert match_document(Rule("defen"), document()) is None  # not inside a word
    assert match_document(Rule("ties defense"), document()) is None  # the words in a row


def test_language_and_event_type_keep_documents() -> None:
    rule = Rule("Shoigu", ("per:sergei-shoigu",), "CONSULT", "en")
    found = match_document(rule, document())
    assert found is not None and found["event"] == {
        "index": 1,
        "type": "CONSULT",
        "mode": "meet",
        "text": "met",
    }
    assert match_document(replace(rule, lang="ur"), document()) is None
    assert match_document(Rule("Shoigu", ("per:sergei-shoigu",), "ASSAULT"), document()) is None


def test_with_an_event_type_the_mention_is_the_one_in_the_event_sentence() -> None:
    doc = document()
    second = TEXT.index("He met")
    doc.mentions.append(
        Mention(second, second + 2, "PERSON", "per:sergei-shoigu", 1.0, "He", "per:sergei-shoigu")
    )
    found = match_document(Rule("", ("per:sergei-shoigu",), "CONSULT"), doc)
    assert found is not None and found["text"] == "He" and found["event"]["index"] == 1
    anywhere = match_document(Rule("", ("per:sergei-shoigu",)), doc)
    assert anywhere is not None and anywhere["text"] == "Sergei Shoigu"


def test_with_entities_the_event_must_have_one_as_a_party() -> None:
    # an ACCUSE event is in the document, but Shoigu is not a party to it
    assert match_document(Rule("", ("per:sergei-shoigu",), "ACCUSE"), document()) is None
    assert match_document(Rule("", ("per:nobody",), "ACCUSE"), document()) is None  # and never mentioned


def test_an_event_type_alone_matches_the_event_trigger() -> None:
    found = match_document(Rule(type="CONSULT"), document())
    assert found is not None and found["kind"] == "event" and found["text"] == "met"


def test_only_articles_match() -> None:
    doc = document()
    doc.page_kind = "homepage"  # a listing of teasers, kept for its links
    assert match_document(Rule("pyongyang"), doc) is None


def test_a_candidate_is_reused_across_rules() -> None:
    cand = Candidate(document())
    assert match_document(Rule("pyongyang"), cand) is not None
    assert match_document(Rule("Tashkent"), cand) is None


def test_rules_from_what_a_user_types() -> None:
    rule = make_rule("  Shoigu ", type="consult", lang="UR")
    assert rule == Rule("Shoigu", ("per:sergei-shoigu",), "CONSULT", "ur")
    assert make_rule("شوئیگو").entities == ("per:sergei-shoigu",)  # any script
    assert make_rule("some words").entities == ()
    assert event_type("DISAPPROVE") == "ACCUSE"  # an older PLOVER name
    for bad in ({"type": "PARTY"}, {"lang": "fr"}):
        with pytest.raises(AlertError):
            make_rule("x", **bad)
    with pytest.raises(AlertError, match="needs"):
        make_rule("  ")
    with pytest.raises(AlertError):
        webhook_url("file:///etc/passwd")
    assert webhook_url(" http://127.0.0.1:9/h ") == "http://127.0.0.1:9/h"


@given(st.text(alphabet="ab \nشو", max_size=300), st.data())
def test_the_snippet_mark_is_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snippet, (a, b) = snippet_around(text, start, end, chars=20)
    assert snippet[a:b] == text[start:end]


WORDS = ["Shoigu", "SHOIGU", "Pyongyang", "déclaration", "شوئیگو", "پیانگ", "यात्रा", "talks", "of", "a"]


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30),
    st.lists(st.sampled_from([" ", "  ", ", ", "\n", " — "]), min_size=30, max_size=30),
    st.data(),
)
def test_a_run_of_the_documents_words_is_found_where_they_are(
    words: list[str], gaps: list[str], data: st.DataObject
) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    doc = Document(source=Source(uri="h.txt", kind="txt"), text=text, lang="en")
    start = data.draw(st.integers(0, len(words) - 1))
    run = words[start : start + data.draw(st.integers(1, 3))]
    query = " ".join(w.lower() if data.draw(st.booleans()) else w for w in run)
    found = match_document(Rule(query), doc)
    assert found is not None
    assert text[found["start"] : found["end"]] == found["text"]
    # the span is exactly the query's words, folded (case and accents aside)
    assert NAME_WORD_RE.findall(query_key(found["text"])) == NAME_WORD_RE.findall(query_key(query))
