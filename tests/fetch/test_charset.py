"""reconcile_charset: header, meta and bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Source
from khabar.fetch.charset import header_charset, reconcile_charset
from khabar.ingest.html import html_document

URDU = "<html><body><p>وزیر خارجہ دو روزہ دورے پر تاشقند پہنچ گئیں۔</p></body></html>"
ARABIC = "<html><body><p>وصل وزير الخارجية إلى طشقند في زيارة تستغرق يومين</p></body></html>"
HINDI = "<html><body><p>विदेश मंत्री ताशकंद पहुँचीं।</p></body></html>"


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "ISO-8859-1", "latin1", "us-ascii"])
def test_valid_utf8_beats_a_latin_header(declared: str) -> None:
    encoding, reason = reconcile_charset(f"text/html; charset={declared}", URDU.encode())
    assert encoding == "utf-8" and "beat" in reason


def test_valid_utf8_beats_a_latin_meta_tag() -> None:
    page = HINDI.replace("<body>", '<head><meta charset="windows-1252"></head><body>').encode()
    assert reconcile_charset("text/html", page)[0] == "utf-8"


def test_a_true_declaration_is_believed() -> None:
    western = "<p>The café’s délégation</p>".encode("cp1252")
    assert reconcile_charset("text/html; charset=windows-1252", western) == (
        "cp1252",
        "the header charset decodes the bytes",
    )
    arabic_1256 = ARABIC.encode("cp1256")
    assert reconcile_charset('text/html; charset="windows-1256"', arabic_1256)[0] == "cp1256"
    assert reconcile_charset("text/html; charset=utf-8", URDU.encode())[0] == "utf-8"


def test_detection_when_nothing_is_declared() -> None:
    data = (ARABIC * 20).encode("cp1256")
    encoding, reason = reconcile_charset(None, data)
    assert "charset-normalizer" in reason and data.decode(encoding) == ARABIC * 20


def test_a_bom_decides_and_unknown_labels_are_ignored() -> None:
    assert reconcile_charset("text/html; charset=latin1", b"\xef\xbb\xbf" + URDU.encode())[0] == "utf-8"
    assert reconcile_charset("text/html; charset=x-no-such", URDU.encode())[0] == "utf-8"
    assert header_charset("text/html; Charset='UTF-8'") == "UTF-8" and header_charset("text/html") is None


def test_the_result_is_a_declared_for_the_html_reader() -> None:
    data = URDU.encode()
    encoding, _ = reconcile_charset("text/html; charset=iso-8859-1", data)
    document = html_document(data, Source(uri="http://127.0.0.1/x", kind="html"), declared=encoding)
    assert document.html is not None and "تاشقند" in document.html


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1, max_size=60),
    st.sampled_from(["iso-8859-1", "windows-1252", "latin1", "ascii", None]),
)
def test_urdu_utf8_is_utf8_whatever_the_latin_label(text: str, declared: str | None) -> None:
    header = f"text/html; charset={declared}" if declared else "text/html"
    assert reconcile_charset(header, f"<p>{text}</p>".encode())[0] == "utf-8"


@settings(max_examples=100, deadline=None)
@given(
    st.binary(max_size=300), st.sampled_from(["text/html; charset=utf-8", "text/html; charset=bogus", None])
)
def test_any_bytes_get_an_encoding_that_decodes_them(data: bytes, content_type: str | None) -> None:
    encoding, reason = reconcile_charset(content_type, data)
    assert reason
    data.decode(encoding, "replace")  # a real codec name
