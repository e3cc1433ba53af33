"""HTML sniffing, head hints and html_document."""

from __future__ import annotations

import pytest

from khabar.document import Source
from khabar.ingest.html import (
    canonical_url,
    declared_charset,
    html_document,
    looks_like_html,
    outlet_of,
    page_title,
)

PAGE = """<!DOCTYPE html>
<html lang="ur"><head>
<meta charset="utf-8">
<title>  دفتر خارجہ &amp; طورخم
 | آئینہ </title>
<link href="https://www.aina.example/ur/news/1" rel="canonical">
<meta property="og:url" content="https://www.aina.example/og/1">
</head><body><p>متن</p>
<link rel="canonical" href="https://www.aina.example/in-body-should-be-ignored">
</body></html>"""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", True),
        (b"\xef\xbb\xbf  <html lang='hi'><head></head>", True),
        (b"<!-- saved page -->\n<div class='story'><p>text</p></div>", True),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", True),
        (b"Plain news text that mentions <html> in passing.", False),
        (b"import io\nPAGE = '<html><body>'\n", False),
        ("خبر کا متن".encode(), False),
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_declared_charset_from_meta_tags() -> None:
    assert declared_charset(b'<head><meta charset="windows-1256">') == "windows-1256"
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert declared_charset(equiv) == "ISO-8859-1"
    assert declared_charset(b"<head><title>x</title>") is None


def test_canonical_url_prefers_link_in_head_and_ignores_relative() -> None:
    assert canonical_url(PAGE) == "https://www.aina.example/ur/news/1"
    og_only = '<head><meta content="https://x.example/a?b=1&amp;c=2" property="og:url"></head>'
    assert canonical_url(og_only) == "https://x.example/a?b=1&c=2"
    assert canonical_url('<head><link rel="canonical" href="/relative/path"></head>') is None
    assert canonical_url("<p>no head</p>") is None


def test_page_title_is_unescaped_and_collapsed() -> None:
    assert page_title(PAGE) == "دفتر خارجہ & طورخم | آئینہ"
    assert page_title("<head><title> </title></head>") is None


def test_outlet_is_the_host_without_www() -> None:
    assert outlet_of("https://www.Dawn.example/news/1") == "dawn.example"
    assert outlet_of("https://srpa.example:8443/x") == "srpa.example"
    assert outlet_of(None) is None
    assert outlet_of("not a url") is None


def test_html_document_keeps_markup_and_fills_source_from_head() -> None:
    data = PAGE.encode("utf-8")
    doc = html_document(data, Source(uri="/c/p.html", kind="html"))
    assert doc.html == PAGE
    assert doc.raw == ""
    assert doc.source.url == "https://www.aina.example/ur/news/1"
    assert doc.source.outlet == "aina.example"
    assert doc.meta["title"] == "دفتر خارجہ & طورخم | آئینہ"
    assert doc.meta["encoding"] == "utf-8"
    assert doc.meta["size"] == len(data)


def test_html_document_keeps_a_url_the_caller_knows() -> None:
    source = Source(uri="a.warc#r1", kind="warc", url="https://crawl.example/p", outlet="crawl.example")
    doc = html_document(PAGE.encode(), source)
    assert doc.source.url == "https://crawl.example/p"
    assert doc.source.outlet == "crawl.example"


def test_html_document_decodes_with_the_meta_charset() -> None:
    page = '<html><head><meta charset="windows-1256"><title>وزير</title></head><body>خارجہ</body></html>'
    doc = html_document(page.encode("cp1256"), Source(uri="p.html", kind="html"))
    assert doc.html == page
    assert doc.meta["encoding"] == "cp1256"


def test_html_document_rejects_binary_and_empty() -> None:
    assert html_document(b"\x89PNG\r\n\x1a\n\x00", Source(uri="x.html", kind="html")).rejects[0].reason == (
        "binary_content"
    )
    assert html_document(b"  \n", Source(uri="y.html", kind="html")).rejects[0].reason == "empty_file"
