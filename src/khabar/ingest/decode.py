"""Bytes to text: byte-order marks, UTF-8, a declared charset, then detection.

The order matters. A BOM is authoritative; strict UTF-8 almost never succeeds on text in
another encoding, so it is both the fast path and a safe one; a declared charset (HTTP
header, ``<meta charset>``) comes next because pages often lie about being UTF-8 but rarely
about being something else; detection (charset-normalizer) is the last resort.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from charset_normalizer import from_bytes

#: How many leading bytes the binary and UTF-16 sniffers look at. Magic numbers and the
#: first lines of any text file fit in it; reading more only slows large inputs down.
SNIFF_BYTES = 8192

#: Share of C0 control bytes (other than tab, newlines, form feed, escape) above which
#: input counts as binary. Text we have seen carries at most a stray form feed or SUB
#: (far under 1%); compressed or image data carries about 28/256 ≈ 11%.
MAX_CONTROL_SHARE = 0.05

#: In BOM-less UTF-16 text the high bytes of the characters take very few values: 0x00 for
#: ASCII, 0x06 for Arabic script, 0x09 for Devanagari, 0x20 for typographic punctuation. When
#: the UTF16_HIGH_VALUES commonest values cover UTF16_HIGH_SHARE of them (and NUL is one),
#: the input is UTF-16; binary data and text with a stray NUL spread over many values.
#: Hand-set on English, Urdu and Hindi samples.
UTF16_HIGH_VALUES = 4
UTF16_HIGH_SHARE = 0.9

#: Input that is UTF-8 except for a few stray bytes (a cp1252 snippet pasted into a UTF-8
#: page) is read as UTF-8 with replacement characters when valid multi-byte characters
#: outnumber invalid bytes by at least this factor. Single-byte encodings of Urdu or
#: Western text fall far below it.
MOSTLY_UTF8_RATIO = 10

#: Western (cp1252) text puts its non-ASCII bytes alone or in pairs inside ASCII words
#: ("café", "“quoted”"); single-byte Arabic or Cyrillic text has whole words of them.
#: When at least this share of non-ASCII runs is at most WESTERN_MAX_RUN bytes long, the
#: input is read as cp1252 — charset-normalizer guesses cp1250/cp775 for short Latin-1
#: English, which mangles "é".
WESTERN_RUN_SHARE = 0.9
WESTERN_MAX_RUN = 2

#: Characters kept in a preview of a rejected input.
PREVIEW_CHARS = 2000
#: Bytes decoded for a preview: enough for PREVIEW_CHARS characters of 4-byte UTF-8.
PREVIEW_BYTES = 4 * PREVIEW_CHARS

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
)

# C0 controls that do not occur in text: everything below 0x20 except \t \n \v \f \r ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
# Labels that browsers (WHATWG Encoding) read as windows-1252.
_CP1252_ALIASES = frozenset({"ascii", "iso8859-1"})


class DecodeFailure(ValueError):
    """No encoding decodes the input to plausible text."""


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (a sentence for a reject detail), or None if it looks like text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"starts with the signature of {what}"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:SNIFF_BYTES]
    if not head:
        return None
    if b"\x00" in head:
        # BOM-less UTF-16 is full of NULs; _utf16_codec has already checked its controls.
        return None if _utf16_codec(head) else f"NUL bytes in the first {len(head)} bytes"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > MAX_CONTROL_SHARE:
        return f"{controls} control bytes in the first {len(head)} bytes"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Tries a byte-order mark, BOM-less UTF-16, strict UTF-8, mostly-UTF-8, the
    ``declared`` charset (HTTP header or ``<meta charset>``), Western single-byte text,
    then charset-normalizer. Raises :class:`DecodeFailure` when nothing fits.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            # A BOM is authoritative; a damaged tail should not throw the text away.
            return body.decode(codec.removesuffix("-sig"), "replace"), codec
    utf16 = _utf16_codec(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None
    if utf16:
        return data.decode(utf16, "replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    if declared:
        found = _try_declared(data, declared)
        if found is not None:
            return found
    if _looks_western(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass  # bytes cp1252 leaves undefined: not Western after all
    best = from_bytes(data).best()
    if best is None:
        raise DecodeFailure("no character encoding decodes this input to plausible text")
    return str(best), codecs.lookup(best.encoding).name


def preview(data: bytes) -> str:
    """The first :data:`PREVIEW_CHARS` characters of ``data`` for a reject, or "" if binary."""
    if not data or binary_reason(data):
        return ""
    head = data[:PREVIEW_BYTES]
    if len(data) > PREVIEW_BYTES:
        head = _trim_partial_utf8(head)
    try:
        text, _ = decode_bytes(head)
    except DecodeFailure:
        text = head.decode("utf-8", "replace")
    return text[:PREVIEW_CHARS]


def _utf16_codec(head: bytes) -> str | None:
    sample = head[: len(head) & ~1]
    if len(sample) < 4:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        common = Counter(high).most_common(UTF16_HIGH_VALUES)
        if 0 not in dict(common) or sum(n for _, n in common) < UTF16_HIGH_SHARE * len(high):
            continue
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
        if controls <= MAX_CONTROL_SHARE * len(text):
            return codec
    return None


def _mostly_utf8(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return text if good >= MOSTLY_UTF8_RATIO * bad else None


def _try_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    candidates = ["cp1252", name] if name in _CP1252_ALIASES else [name]
    for codec in candidates:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def _looks_western(data: bytes) -> bool:
    runs = [m.end() - m.start() for m in _NON_ASCII_RUN.finditer(data[: SNIFF_BYTES * 8])]
    if not runs:
        return False
    short = sum(1 for n in runs if n <= WESTERN_MAX_RUN)
    return short >= WESTERN_RUN_SHARE * len(runs)


def _trim_partial_utf8(head: bytes) -> bytes:
    # A cut inside a multi-byte character would make strict UTF-8 fail on valid text.
    for cut in range(4):
        chunk = head[: len(head) - cut]
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return chunk
    return head
