"""The duplicates linker on the real seed pages: translations, shared sources, copies, re-linking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.config import load_config
from khabar.dedup import kinds as link_kinds
from khabar.dedup import semantic
from khabar.dedup.matching import link_duplicates
from khabar.document import CitedSource, Document, Mention, Provenance, Segment, Source, TimeRef
from khabar.jobs import ingest, relink
from khabar.store.sqlite import SQLiteStore
from khabar.views import duplicates as link_views
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"
BAOQUOCTE = "https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state-of-russia-286239.html"
DANTRI = "dantri.com.vn"


def seed_ids(store: SQLiteStore) -> dict[str, str]:
    """Seed number ("000") -> document id."""
    rows = store.conn.execute("SELECT id, uri FROM documents WHERE uri LIKE ?", (f"{SEEDS}%",))
    return {Path(uri).name[:3]: doc_id for doc_id, uri in rows}


def all_links(store: SQLiteStore) -> set[tuple[str, str, str]]:
    return set(store.conn.execute("SELECT doc_id, other_id, kind FROM doc_links").fetchall())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    config = load_config(env={}, db=db)
    with SQLiteStore(db) as store:
        ingest([str(SEEDS)], store, config)
        yield store


def test_seed_000_and_001_are_translations_citing_one_source(seeded: SQLiteStore) -> None:
    ids = seed_ids(seeded)
    found = [r for r in link_views.links_for(seeded, ids["001"]) if r["kind"] == link_kinds.TRANSLATION]
    assert [(r["other_id"], r["direction"]) for r in found] == [(ids["000"], "out")]
    evidence = found[0]["evidence"]
    assert evidence["cited_urls"] == [BAOQUOCTE]
    assert {"13", "14"} <= set(evidence["numbers"])
    assert "per:sergei-shoigu" in evidence["entities"]
    assert found[0]["score"] >= 0.9 if evidence["method"] == "semantic" else found[0]["score"] >= 0.3


def test_origin_shows_the_cited_source(seeded: SQLiteStore) -> None:
    ids = seed_ids(seeded)
    for seed in ("000", "001"):
        origin = link_views.origin(seeded, ids[seed])
        assert origin is not None
        assert origin["cited_urls"] == [BAOQUOCTE]
        assert origin["canonical"] is None
    origin_001 = link_views.origin(seeded, ids["001"])
    assert origin_001 is not None
    assert origin_001["translation_of"] == ids["000"]
    assert origin_001["same_source"] == [ids["000"]]
    origin_002 = link_views.origin(seeded, ids["002"])
    assert origin_002 is not None
    assert DANTRI in origin_002["cited_urls"][0] and origin_002["translation_of"] is None


@pytest.mark.parametrize(
    "a,b", [("000", "004"), ("002", "004"), ("000", "002"), ("001", "002"), ("001", "004"), ("001", "003")]
)
def test_other_outlets_reports_are_not_translations_or_copies(seeded: SQLiteStore, a: str, b: str) -> None:
    ids = seed_ids(seeded)
    between = {(d, o) for d, o, _ in all_links(seeded)}
    assert (ids[a], ids[b]) not in between and (ids[b], ids[a]) not in between


def test_without_the_semantic_extra_keys_still_find_the_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    config = load_config(env={}, db=tmp_path / "plain.db")
    with SQLiteStore(config.db) as store:
        ingest([str(SEEDS)], store, config)
        ids = seed_ids(store)
        kinds = {(d, o): k for d, o, k in all_links(store) if k == link_kinds.TRANSLATION}
        assert kinds == {(ids["001"], ids["000"]): link_kinds.TRANSLATION}
        (row,) = [r for r in link_views.links_for(store, ids["000"]) if r["kind"] == link_kinds.TRANSLATION]
        assert row["evidence"]["method"] == "keys" and row["direction"] == "in"
        assert store.conn.execute("SELECT count(*) FROM line_vectors").fetchone()[0] == 0


def test_reprints_with_another_banner_or_cut_short_are_copies(seeded: SQLiteStore, tmp_path: Path) -> None:
    ids = seed_ids(seeded)
    text = (SEEDS / "000_0b561a0f2779ceac.txt").read_text(encoding="utf-8")
    folder = tmp_path / "reprints"
    folder.mkdir()
    banner = "روزنامہ خبرنامہ کی خصوصی رپورٹ برائے بین الاقوامی امور اور دفاعی تعاون کے قارئین"
    (folder / "banner.txt").write_text(text.rstrip("\n") + "\n" + banner + "\n", encoding="utf-8")
    (folder / "top.txt").write_text(banner + "\n" + text, encoding="utf-8")
    lines = text.splitlines()
    (folder / "cut.txt").write_text("\n".join(lines[: len(lines) * 3 // 4]), encoding="utf-8")
    ingest([str(folder)], seeded, load_config(env={}, db=Path(seeded.path)))
    new = {
        Path(uri).name: doc_id
        for doc_id, uri in seeded.conn.execute(
            "SELECT id, uri FROM documents WHERE uri LIKE ?", (f"{folder}%",)
        )
    }
    for name in ("banner.txt", "top.txt", "cut.txt"):
        rows = [r for r in link_views.links_for(seeded, new[name]) if r["direction"] == "out"]
        copies = [r for r in rows if r["kind"] in (link_kinds.DUPLICATE, link_kinds.NEAR_DUPLICATE)]
        assert [r["other_id"] for r in copies] == [ids["000"]], name
        assert not [r for r in rows if r["kind"] == link_kinds.TRANSLATION]
    banner_links = link_views.links_for(seeded, new["banner.txt"])
    (banner_link,) = [r for r in banner_links if r["kind"] != link_kinds.SAME_SOURCE]
    assert banner_link["kind"] == link_kinds.NEAR_DUPLICATE and banner_link["evidence"]["containment"] >= 0.9
    groups = link_views.list_duplicates(seeded, kind=link_kinds.NEAR_DUPLICATE)
    assert groups[0]["canonical"] == ids["000"]
    assert {new["banner.txt"], new["cut.txt"]} < {m["doc_id"] for m in groups[0]["members"]}


def test_an_exact_copy_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SEEDS / "002_62624821c93737bf.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("\n", "\n\n"), encoding="utf-8")
    config = load_config(env={}, db=tmp_path / "copy.db")
    with SQLiteStore(config.db) as store:
        ingest([str(folder)], store, config)
        (row,) = store.conn.execute(
            "SELECT kind, score FROM doc_links WHERE kind != ?", (link_kinds.SAME_SOURCE,)
        )
        assert row == (link_kinds.DUPLICATE, 1.0)


def test_relinking_the_store_gives_the_same_links(seeded: SQLiteStore) -> None:
    before = all_links(seeded)
    relink(seeded, load_config(env={}, db=Path(seeded.path)))
    assert all_links(seeded) == before


def _wire_doc(uri: str, text: str, entities: list[str]) -> Document:
    """A page citing KCNA (mentioned as org:kcna) on 2024-09-13 and naming ``entities``."""
    segments = [Segment(0, len(text), "body", "ur")]
    mentions = [Mention(0, 4, "ORG", entity="org:kcna")] + [Mention(5, 6, "LOC", entity=e) for e in entities]
    return Document(
        source=Source(uri=uri, kind="txt"),
        raw=text,
        text=text,
        lang="ur",
        segments=segments,
        mentions=mentions,
        times=[TimeRef(7, 8, "2024-09-13")],
        provenance=Provenance(cited=[CitedSource("agency", "KCNA", 0, 4, "KCNA")]),
    )


@pytest.mark.parametrize(
    "shared,linked",
    [
        (["per:sergei-shoigu", "per:kim-jong-un", "loc:pyongyang"], True),
        (["loc:russia", "loc:north-korea", "loc:pyongyang"], False),  # places only
        (["per:sergei-shoigu", "loc:pyongyang"], False),  # too few, the agency not counted
    ],
)
def test_same_agency_wire_needs_the_same_day_and_named_parties(shared: list[str], linked: bool) -> None:
    a = _wire_doc("a", "KCNA نے پیانگ یانگ سے خبر دی کہ ملاقات ہوئی اور دونوں رہنماؤں نے بات کی", shared)
    b = _wire_doc("b", "KCNA کے مطابق روسی وفد نے دورہ کیا اور معاہدوں پر عمل کا جائزہ لیا گیا", shared)
    with SQLiteStore(":memory:") as store:
        store.put_batch([a, b])
        with store.conn:
            counters = link_duplicates(store, [a, b])
        rows = link_views.links_for(store, b.id)
        assert bool(counters.get(link_kinds.SAME_SOURCE)) is linked
        if linked:
            (row,) = rows
            assert row["kind"] == link_kinds.SAME_SOURCE and row["evidence"]["agencies"] == ["KCNA"]
            assert "org:kcna" not in row["evidence"]["entities"]
