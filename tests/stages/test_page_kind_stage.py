"""A home page, listing, video or gallery page runs through the whole default pipeline and is stored
as a page of its kind with its links, and nothing reads it as an article: no entities, times,
events, claims or cited agencies, no duplicate signature, no story."""

from __future__ import annotations

from pathlib import Path

from khabar.config import Config
from khabar.document import Document, Source
from khabar.jobs import ingest, ingest_documents
from khabar.pipeline import build
from khabar.store.sqlite import SQLiteStore
from tests.clean import pages
from tests.conftest import khabar

URL = "https://urdu.example.pk/"


def _page(markup: str, url: str | None, uri: str = "home.html") -> Document:
    meta = {"title": "خبرنامہ - تازہ ترین خبریں"}
    return Document(source=Source(uri=uri, kind="html", url=url), html=markup, meta=meta)


def test_a_home_page_is_kept_for_its_links_and_never_read_as_an_article() -> None:
    # headlines that would yield mentions, dates and events if read as prose
    markup = pages.urdu_homepage().replace(
        pages.UR_HEADLINES[0], "وزیراعظم شہباز شریف نے 12 جون کو چین کے صدر شی جن پنگ سے ملاقات کی (اے پی پی)"
    )
    doc = build(Config().stages, strict=True).process(_page(markup, URL))
    assert not doc.rejected
    assert doc.page_kind == "homepage" and not doc.is_article
    assert doc.meta["extractor"] == "listing" and doc.meta["page_kind"]["teasers"] >= 10
    assert "ملاقات" in doc.text and pages.UR_HEADLINES[5] in doc.text
    assert len(doc.meta["links"]) >= 16 and doc.meta["links"][0]["url"].startswith(URL)
    assert doc.lang == "ur"
    assert (doc.mentions, doc.times, doc.events, doc.claims, doc.provenance.cited) == ([], [], [], [], [])
    assert doc.provenance.outlet == "urdu.example.pk"  # its outlet is still known


def test_an_article_beside_it_is_read_as_usual() -> None:
    doc = build(Config().stages, strict=True).process(
        _page(pages.short_urdu_article(), "https://urdu.example.pk/story/12345/")
    )
    assert doc.page_kind == "article" and doc.is_article
    assert "links" not in doc.meta and doc.meta["extractor"] == "trafilatura"
    assert doc.mentions  # سندھ and friends


def test_stored_pages_keep_their_kind_and_stay_out_of_the_linkers() -> None:
    store = SQLiteStore(":memory:")
    docs = [
        _page(pages.urdu_homepage(), URL, "a/home.html"),
        _page(pages.urdu_homepage(), URL, "b/home.html"),  # the same page again: no duplicate link
        _page(pages.video_page(), "https://urdu.example.pk/video/1234/karachi-rain", "v.html"),
    ]
    report = ingest_documents(docs, store, Config(), "test")
    assert report.stored == 3 and report.rejected == 0
    for doc in docs:
        stored = store.get(doc.id)
        assert stored is not None and stored.page_kind in ("homepage", "video")
        assert stored.meta["links"]
        assert store.stories.episode_of(doc.id) is None
    assert store.links.signed([d.id for d in docs]) == set()
    assert report.links == {}  # no linker ran: nothing in the batch was an article


def test_khabar_ingest_recognises_a_home_page_file(tmp_path: Path) -> None:
    page = pages.english_homepage().replace(
        "</head>", '<link rel="canonical" href="https://www.example.com/"></head>'
    )
    (tmp_path / "home.html").write_text(page, encoding="utf-8")
    db = tmp_path / "k.db"
    code, out = khabar("ingest", str(tmp_path / "home.html"), "--db", str(db))
    assert code == 0, out
    with SQLiteStore(db) as store:
        [doc] = list(store.documents())
        assert doc.page_kind == "homepage" and doc.events == [] and doc.mentions == []
        assert doc.source.url == "https://www.example.com/"
    with SQLiteStore(tmp_path / "j.db") as store:  # and the job itself, the same
        report = ingest([str(tmp_path / "home.html")], store, Config())
        assert report.stored == 1


def test_the_article_stages_leave_any_other_page_alone() -> None:
    head = "وزیراعظم شہباز شریف نے 12 جون کو چین کے صدر شی جن پنگ سے ملاقات کی۔"
    for kind, expect_found in (("article", True), ("section", False)):
        doc = Document(source=Source(uri="x.txt", kind="txt"), raw=head, page_kind=kind)
        doc = build(Config().stages, strict=True).process(doc)
        assert bool(doc.mentions) is expect_found, kind
        assert bool(doc.times) is expect_found, kind
        assert bool(doc.events) is expect_found, kind
