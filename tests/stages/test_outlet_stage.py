"""The outlet stage: every document carries its outlet record, from its URL, its canonical link or
its reader's outlet hint, whichever reader it came from; and search filters on it."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.config import Config
from khabar.document import Document, Provenance, Source
from khabar.pipeline import build
from khabar.sources.outlets import attach_outlet, outlet_of_document
from khabar.stages.outlet import outlet
from tests.conftest import khabar

TEXT = "وزیراعظم نے آج اسلام آباد میں ایک اجلاس کی صدارت کی اور معیشت پر بات کی۔"


def _doc(url: str | None = None, hint: str | None = None, uri: str = "a.txt") -> Document:
    return Document(source=Source(uri=uri, kind="txt", url=url, outlet=hint), raw=TEXT)


def test_the_pipeline_fills_the_outlet_record_from_the_url() -> None:
    doc = build(Config().stages, strict=True).process(_doc("https://urdu.geo.tv/latest/1234-x"))
    prov = doc.provenance
    assert (prov.outlet, prov.outlet_name, prov.country, prov.outlet_kind, prov.outlet_lang) == (
        "urdu.geo.tv",
        "Geo News Urdu",
        "PK",
        "private",
        "ur",
    )
    again = Document.from_json(doc.to_json())  # and it survives the store's round trip
    assert again.provenance == prov


def test_path_editions_subdomains_hints_and_unknown_outlets() -> None:
    assert outlet(_doc("https://www.bbc.com/urdu/articles/c1")).provenance.outlet == "bbc.com/urdu"
    assert outlet(_doc("https://m.dawn.com/news/1")).provenance.outlet_name == "Dawn"
    # a reader's hint: a host, or a registered name (a JSONL "outlet": "Inquilab")
    assert outlet(_doc(hint="www.thehindu.com")).provenance.outlet == "thehindu.com"
    assert outlet(_doc(hint="Inquilab")).provenance.country == "IN"
    assert outlet(_doc(hint="انقلاب")).provenance.outlet == "inquilab.com"
    # the URL wins over a hint that disagrees; a canonical link counts as a URL
    assert outlet(_doc("https://www.dawn.com/news/1", hint="Inquilab")).provenance.outlet == "dawn.com"
    doc = _doc()
    doc.meta["canonical"] = "https://www.aninews.in/news/x"
    assert attach_outlet(doc).provenance.outlet_kind == "wire"
    unknown = outlet(_doc("https://news.example.org/a")).provenance
    assert (unknown.outlet, unknown.outlet_name, unknown.outlet_kind, unknown.country) == (
        "news.example.org",
        "news.example.org",
        "unknown",
        None,
    )
    named = outlet(_doc(hint="Some Local Weekly")).provenance
    assert (named.outlet, named.outlet_kind) == ("Some Local Weekly", "unknown")
    assert outlet_of_document(_doc()) is None
    bare = outlet(_doc()).provenance  # a local text file: no outlet at all
    assert (bare.outlet, bare.outlet_kind) == (None, None)


def test_the_provenance_outlet_survives_a_document_without_the_new_fields() -> None:
    old = json.loads(_doc("https://dawn.com/x").to_json())
    old["provenance"] = {"outlet": "dawn.com", "url": None, "cited": [], "translation_of": None}
    assert Document.from_dict(old).provenance == Provenance(outlet="dawn.com")


def test_khabar_search_filters_by_outlet_country_and_kind(tmp_path: Path) -> None:
    lines = [
        {"url": "https://www.app.com.pk/national/x-1", "text": TEXT},
        {"url": "https://www.dawn.com/news/123456", "text": TEXT.replace("اجلاس", "اجلاس بلایا")},
        {"outlet": "Inquilab", "text": TEXT.replace("معیشت", "تعلیم")},
    ]
    src = tmp_path / "news.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    db = str(tmp_path / "k.db")
    code, out = khabar("ingest", str(src), "--db", db)
    assert code == 0, out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--kind", "state")
    assert code == 0 and "1 documents match" in out and "app.com.pk" in out, out
    assert "outlet kind: state 1" in out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--country", "pk")
    assert code == 0 and "2 documents match" in out and "country: PK 2" in out, out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--outlet", "inquilab.com")
    assert code == 0 and "1 documents match" in out, out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--country", "IN", "--kind", "state")
    assert code == 1 and "no document matches" in out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--kind", "government")
    assert code != 0 and "unknown outlet kind" in out
    code, out = khabar("search", "وزیراعظم", "--db", db, "--page-kind", "article")
    assert code == 0 and "3 documents match" in out and "page kind: article 3" in out, out


def test_khabar_stats_counts_page_kinds_outlet_kinds_and_countries(tmp_path: Path) -> None:
    from khabar.store.sqlite import SQLiteStore
    from tests.clean import pages

    src = tmp_path / "news.jsonl"
    rows = [
        {"url": "https://www.app.com.pk/national/x-1", "text": TEXT},
        {"url": "https://www.dawn.com/", "html": pages.english_homepage()},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in rows), encoding="utf-8")
    db = tmp_path / "k.db"
    assert khabar("ingest", str(src), "--db", str(db))[0] == 0
    with SQLiteStore(db) as store:
        s = store.stats()
    assert s["page_kinds"] == {"article": 1, "homepage": 1}
    assert s["countries"] == {"PK": 2}
    assert s["outlet_kinds"] == {"state": 1, "private": 1}
    code, out = khabar("stats", "--db", str(db))
    assert code == 0 and "by page kind: " in out and "homepage 1" in out and "by outlet country: PK 2" in out
