"""Which encoding a fetched page is really in: the header, the ``<meta>`` tag and the bytes reconciled.

News sites in Urdu and Hindi often send UTF-8 while declaring windows-1252 or ISO-8859-1 (a
server default nobody changed). Strictly valid UTF-8 with multi-byte characters almost never
happens by chance in a single-byte encoding, so valid UTF-8 bytes beat a Latin declaration;
any other declaration that decodes the bytes is believed; charset-normalizer decides the rest.
The result is a Python codec name suitable as ``declared`` for
:func:`khabar.ingest.html.html_document`.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from khabar.ingest.html import declared_charset

#: Bytes looked at when reconciling (enough to see the text's real encoding, cheap on big pages).
SAMPLE_BYTES = 256 * 1024
#: Declarations that are single-byte Latin, which valid UTF-8 overrides.
LATIN_CODECS = frozenset({"ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252", "cp1250"})
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type value, if any."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def reconcile_charset(content_type: str | None, body: bytes) -> tuple[str, str]:
    """``(codec name, reason)`` for ``body`` served with ``content_type`` (its header value).

    Order: a byte-order mark; valid UTF-8 (over a Latin or missing declaration); the HTTP
    header's charset, then the ``<meta>`` one, when it decodes the bytes; detection.
    """
    sample = body[:SAMPLE_BYTES]
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return codec, "byte-order mark"
    declared = [
        (d, where)
        for d, where in ((header_charset(content_type), "header"), (declared_charset(sample), "meta"))
        if d
    ]
    known = [(name, where) for raw, where in declared if (name := _codec(raw))]
    if _is_utf8(sample):
        if not known or known[0][0] == "utf-8":
            return "utf-8", "valid UTF-8" + (f", as the {known[0][1]} says" if known else "")
        if all(name in LATIN_CODECS for name, _ in known) and not sample.isascii():
            told = ", ".join(f"{where} {raw}" for raw, where in declared)
            return "utf-8", f"valid UTF-8 bytes beat the declared {told}"
    for name, where in known:
        try:
            sample.decode(name)
        except UnicodeDecodeError:
            continue
        return name, f"the {where} charset decodes the bytes"
    best = from_bytes(sample).best()
    if best is not None:
        return codecs.lookup(best.encoding).name, "detected by charset-normalizer"
    return "utf-8", "nothing fits; UTF-8 with replacement characters"


def _codec(name: str) -> str | None:
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read these labels as windows-1252 (WHATWG Encoding), and so do sites' authors.
    return "cp1252" if found in ("iso8859-1", "ascii") else found


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample's end is still UTF-8.
        return len(data) >= SAMPLE_BYTES and exc.start >= len(data) - 3
    return True
