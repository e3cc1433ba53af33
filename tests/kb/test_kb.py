"""The shipped knowledge base: data integrity, lookup in every script, roles, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.document import Document, Segment, Source
from khabar.entities import mentions as mentions_module
from khabar.entities.mentions import find_mentions
from khabar.errors import InputError
from khabar.kb import KnowledgeBase, ReadOnlyKBError, load_kb
from khabar.kb.agencies import agency_table
from khabar.kb.build import CAPITALS, slug
from khabar.kb.loader import COLUMNS, Entity, alias_key, read_titles, read_tsv
from khabar.store.sqlite import SQLiteStore
from khabar.text.offsets import OffsetMap


def test_every_reference_points_at_an_entity_and_ids_are_unique() -> None:
    kb = load_kb()
    ids = [e.id for e in kb.entities()]
    assert len(ids) == len(set(ids))
    for entity in kb.entities():
        assert entity.type in ("PERSON", "ORG", "LOC")
        assert not entity.country or entity.country in kb, entity.id
        for role in entity.roles:
            assert not role.of or role.of in kb, (entity.id, role)
            assert role.role in {t.role for t in kb.titles} | {
                "vice_president",
                "national_security_adviser",
                "army_chief",
            }
        if entity.qid:
            assert entity.qid.startswith("Q") and entity.qid[1:].isdigit()


def test_countries_and_capitals_have_names_in_three_scripts() -> None:
    kb = load_kb()
    countries = [e for e in kb.entities("LOC") if e.kind == "country"]
    assert len(countries) >= 240
    capitals = [e for e in kb.entities("LOC") if e.kind == "capital"]
    assert len(capitals) == len(CAPITALS)
    for cid in ("russia", "north-korea", "united-states", "pakistan", "india", "ukraine", "china", "iran"):
        country = kb.get("loc:" + cid)
        assert country is not None and country.qid, cid
        assert country.aliases.get("Arab") and country.aliases.get("Deva"), cid
    russia = kb.get("loc:russia")
    assert russia is not None and russia.qid == "Q159"
    assert "روس" in russia.aliases["Arab"] and "रूस" in russia.aliases["Deva"]
    moscow = kb.get("loc:moscow")
    assert moscow is not None and moscow.country == "loc:russia" and moscow.kind == "capital"
    assert slug("Washington, D.C.") == "washington-d-c"


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [
        ("شوئیگو", "per:sergei-shoigu"),
        ("शोइगु", "per:sergei-shoigu"),
        ("Shoigu", "per:sergei-shoigu"),
        ("کم جونگ اُن", "per:kim-jong-un"),
        ("किम जोंग-उन", "per:kim-jong-un"),
        ("پیوٹن", "per:vladimir-putin"),
        ("पुतिन", "per:vladimir-putin"),
        ("پیانگ یانگ", "loc:pyongyang"),
        ("प्योंगयांग", "loc:pyongyang"),
        ("امریکہ", "loc:united-states"),
        ("شمالی کوریا", "loc:north-korea"),
        ("کے سی این اے", "org:kcna"),
        ("आरआईए", "org:ria-novosti"),
        ("نیٹو", "org:nato"),
        ("شوئيگو", "per:sergei-shoigu"),  # Arabic yeh folds to the Urdu one
    ],
)
def test_lookup_in_every_script(name: str, kb_id: str) -> None:
    assert [e.id for e in load_kb().lookup(name)] == [kb_id]


def test_fuzzy_lookup_finds_unlisted_spellings_and_not_strangers() -> None:
    kb = load_kb()
    assert [e.id for e in kb.lookup("شوئیگوو")] == ["per:sergei-shoigu"]
    assert [e.id for e in kb.lookup("बेलोसोव")] == ["per:andrei-belousov"]
    assert kb.lookup("شوئیگوو", fuzzy=False) == []
    assert kb.lookup("زززز") == []


def test_roles_with_dates_and_state_affiliation() -> None:
    kb = load_kb()
    shoigu = kb.get("per:sergei-shoigu")
    assert shoigu is not None and shoigu.country == "loc:russia"
    by_role = {r.role: r for r in shoigu.roles}
    assert by_role["minister_of_defence"].end == "2024-05-12"
    assert by_role["secretary"].of == "org:russian-security-council"
    belousov = kb.get("per:andrei-belousov")
    assert belousov is not None and belousov.roles[0].start == "2024-05-14"
    assert kb.get("per:no-kwang-chol") is not None


def test_agencies_share_the_agency_stage_table() -> None:
    kb = load_kb()
    table = agency_table()
    for entity in kb.entities("ORG"):
        if entity.kind == "agency":
            assert entity.agency in table
            for alias in table[entity.agency]["aliases"]:
                assert alias in entity.all_aliases()
    for short in ("KCNA", "RIA", "TASS", "Reuters", "AP", "AFP", "PTI", "Yonhap", "Xinhua", "APP", "ANI"):
        assert any(e.agency == short for e in kb.entities("ORG")), short


def test_igos_are_there() -> None:
    kb = load_kb()
    for igo in ("UN", "NATO", "EU", "SCO", "BRICS", "ASEAN", "AU", "OIC", "SAARC", "IAEA"):
        assert any(e.kind == "igo" for e in kb.lookup(igo)), igo


def _stored_doc(store: SQLiteStore, uri: str, text: str, kb: KnowledgeBase) -> Document:
    doc = Document(source=Source(uri=uri, kind="txt"), raw=text, text=text, lang="ur")
    doc.segments = [Segment(0, len(text), "body", "ur")]
    doc.raw_map = OffsetMap.identity(len(text))
    doc.mentions = find_mentions(text, "ur", kb=kb)
    store.put(doc)
    return doc


def test_extend_merges_by_id_and_fuzzy_links_live_on_the_stored_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = KnowledgeBase([Entity("per:x", "PERSON", "Ali Khan", aliases={"Arab": ["علی خان"]})], read_titles())
    kb.extend([Entity("per:x", "PERSON", "Ali Khan", aliases={"Deva": ["अली खान"]})])
    assert [e.id for e in kb.lookup("अली खान")] == ["per:x"]
    assert len(kb) == 1
    # An unlisted spelling linked by fuzzy matching is a fact about the documents it occurs in:
    # each stored mention holds its entity, method and span; the KB is not taught it.
    monkeypatch.setattr(mentions_module, "_ner", lambda: None)
    store = SQLiteStore(tmp_path / "k.db")
    one = _stored_doc(store, "doc1.txt", "مسٹر علی خاں نے کہا", kb)
    two = _stored_doc(store, "doc2.txt", "کل مسٹر علی خاں نے کہا", kb)
    evidence = [
        (doc.id, m.start, m.end)
        for doc in (store.get(one.id), store.get(two.id))
        for m in (doc.mentions if doc else [])
        if m.entity == "per:x" and m.method == "fuzzy" and m.text == "علی خاں"
    ]
    store.close()
    assert evidence == [(one.id, 5, 12), (two.id, 8, 15)]
    assert kb.lookup(alias_key("علی خاں"), fuzzy=False) == []


def test_the_shipped_kb_is_read_only() -> None:
    with pytest.raises(ReadOnlyKBError, match="read-only"):
        load_kb().extend([Entity("per:x", "PERSON", "Ali Khan")])
    assert load_kb().get("per:x") is None


def test_bad_data_files_fail_with_a_clear_message() -> None:
    with pytest.raises(InputError, match="header"):
        list(read_tsv("id\tlabel\nx\ty\n", COLUMNS, "bad.tsv"))
    rows = list(read_tsv("# c\n" + "\t".join(COLUMNS) + "\nloc:x\tLOC\tcity\tX\n", COLUMNS, "ok.tsv"))
    assert rows[0]["label"] == "X" and rows[0]["qid"] == ""
