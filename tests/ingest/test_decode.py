"""decode_bytes, binary_reason and preview on real encodings."""

from __future__ import annotations

import codecs

import pytest

from khabar.ingest.decode import PREVIEW_CHARS, DecodeFailure, binary_reason, decode_bytes, preview

URDU = "پاکستان کے وزیر خارجہ نے تاشقند کا دورہ کیا اور تجارت پر بات چیت کی"
HINDI = "विदेश मंत्री ने ताशकंद का दौरा किया और व्यापार पर बातचीत की"
LATIN = "The café owner sent her résumé to the délégation in Zürich; a naïve façade."


def test_utf8_is_the_fast_path() -> None:
    assert decode_bytes(URDU.encode("utf-8")) == (URDU, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_byte_order_marks_win_and_are_stripped(bom: bytes, codec: str, name: str) -> None:
    text, encoding = decode_bytes(bom + HINDI.encode(codec))
    assert text == HINDI
    assert encoding == name


@pytest.mark.parametrize("text", ["Foreign minister visits Tashkent for talks", HINDI, URDU])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert decode_bytes(data) == (text, codec)
    assert binary_reason(data) is None


def test_latin1_english_decodes_as_western_not_central_european() -> None:
    # charset-normalizer alone answers cp1250 here and turns "è" into "č".
    text, encoding = decode_bytes(LATIN.encode("latin-1"))
    assert text == LATIN
    assert encoding == "cp1252"


def test_short_latin1_words() -> None:
    assert decode_bytes("café résumé".encode("latin-1"))[0] == "café résumé"


def test_cp1252_typographic_quotes() -> None:
    original = "He said “the corridor is open” — and it’s true… café"
    assert decode_bytes(original.encode("cp1252"))[0] == original


def test_windows_1256_urdu_is_detected() -> None:
    # cp1256 lacks Farsi yeh (ی) and the Urdu full stop; legacy pages use Arabic yeh (ي).
    legacy = URDU.replace("ی", "ي")
    text, encoding = decode_bytes(legacy.encode("cp1256"))
    assert text == legacy
    assert encoding == "cp1256"


def test_declared_charset_is_used_when_utf8_fails() -> None:
    data = "وزير خارجہ".encode("cp1256")
    assert decode_bytes(data, declared="windows-1256") == ("وزير خارجہ", "cp1256")


def test_declared_latin1_label_means_windows_1252() -> None:
    data = "“quoted”".encode("cp1252")
    assert decode_bytes(data, declared="ISO-8859-1") == ("“quoted”", "cp1252")


def test_a_wrong_or_unknown_declaration_does_not_break_decoding() -> None:
    assert decode_bytes(URDU.encode("utf-8"), declared="iso-8859-1") == (URDU, "utf-8")
    assert decode_bytes(LATIN.encode("latin-1"), declared="no-such-charset")[0] == LATIN


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = URDU.encode("utf-8") + b" \x93 " + URDU.encode("utf-8")
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text == f"{URDU} \ufffd {URDU}"


def test_undecodable_bytes_raise_decode_failure() -> None:
    with pytest.raises(DecodeFailure):
        decode_bytes(bytes(range(0x80, 0x100)) * 8)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"some text\x00with a NUL in it", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"text", "control bytes"),
    ],
)
def test_binary_reason_names_what_it_found(data: bytes, fragment: str) -> None:
    reason = binary_reason(data)
    assert reason is not None
    assert fragment in reason


def test_text_with_tabs_and_form_feeds_is_not_binary() -> None:
    assert binary_reason(b"col1\tcol2\r\nnext page\x0cmore") is None
    assert binary_reason(URDU.encode("utf-8")) is None
    assert binary_reason(b"") is None


def test_preview_is_capped_and_empty_for_binary() -> None:
    long_text = (HINDI + "\n") * 200
    shown = preview(long_text.encode("utf-8"))
    assert len(shown) == PREVIEW_CHARS
    assert long_text.startswith(shown)
    assert preview(b"\x89PNG\r\n\x1a\n\x00\x00") == ""
    assert preview(b"") == ""


def test_preview_does_not_garble_a_cut_multibyte_character() -> None:
    data = ("ث" * 5000).encode("utf-8")  # 2 bytes each; the preview window may cut one in half
    assert set(preview(data)) == {"ث"}
