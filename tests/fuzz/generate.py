"""A generator of malformed inputs for the readers and stages: one seed, the same corpus.

Each input is a file (or a FIFO, a symlink, a folder) under a root folder; its name says what it
is (``0042-flip-page.html.gz``), and files that are not UTF-8 or have odd characters in their
names come too. Kinds: random bytes; truncated and bit-flipped HTML, gzip and WARC; UTF-16 with
and without a BOM; Windows-1256 Urdu and Latin-1 text; JSON Lines with lone surrogates, deep
nesting, bad and blank lines; hostile markup (huge attributes, ``<`` floods, deep nesting, script
floods); empty files, FIFOs, symlink loops and broken links.

    python -m tests.fuzz.generate OUT --count 200 --seed 16
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
from pathlib import Path

from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

EN = [
    "the",
    "minister",
    "said",
    "on",
    "Monday",
    "that",
    "talks",
    "in",
    "Islamabad",
    "would",
    "resume",
    "after",
    "the",
    "border",
    "crossing",
    "reopened",
]
UR = [
    "وزیر",
    "خارجہ",
    "نے",
    "پیر",
    "کو",
    "کہا",
    "کہ",
    "اسلام",
    "آباد",
    "میں",
    "مذاکرات",
    "سرحدی",
    "گزرگاہ",
    "کھلنے",
    "کے",
    "بعد",
    "دوبارہ",
    "شروع",
    "ہوں",
    "گے",
]
HI = [
    "विदेश",
    "मंत्री",
    "ने",
    "सोमवार",
    "को",
    "कहा",
    "कि",
    "सीमा",
    "चौकी",
    "खुलने",
    "के",
    "बाद",
    "बातचीत",
    "फिर",
    "शुरू",
    "होगी",
]


_LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ur": "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے",
    "hi": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
}


def _words(rng: random.Random, n: int) -> str:
    """``n`` words in one language: a few real ones, most made up, so that documents differ."""
    lang = rng.choice(("en", "ur", "hi"))
    pool = {"en": EN, "ur": UR, "hi": HI}[lang]
    letters = _LETTERS[lang]
    return " ".join(
        rng.choice(pool) if rng.random() < 0.3 else "".join(rng.choices(letters, k=rng.randrange(2, 9)))
        for _ in range(n)
    )


def _page(rng: random.Random) -> str:
    paras = "".join(f"<p>{_words(rng, rng.randrange(8, 60))}.</p>" for _ in range(rng.randrange(1, 8)))
    date = f"{rng.randrange(1, 2200):04d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return (
        f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{_words(rng, 5)}</title>"
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        f"<body><article><h1>{_words(rng, 6)}</h1>{paras}</article></body></html>"
    )


def _flip(rng: random.Random, data: bytes, flips: int | None = None) -> bytes:
    out = bytearray(data)
    for _ in range(flips if flips is not None else rng.randrange(1, 20)):
        if out:
            i = rng.randrange(len(out))
            out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _warc(rng: random.Random, pages: int) -> bytes:
    out = io.BytesIO()
    writer = GzipWriter(out)
    for n in range(pages):
        record = WarcRecord()
        kind = rng.choice((WarcRecordType.response, WarcRecordType.response, WarcRecordType.metadata))
        record.init_headers(record_type=kind, record_urn=f"urn:uuid:{rng.getrandbits(128):032x}".encode())
        record.headers.set("WARC-Target-URI", f"https://news{n}.example/{rng.getrandbits(32)}")
        record.headers.set("WARC-Date", "2025-03-11T10:00:00Z")
        body = _page(rng).encode()
        ctype = rng.choice(
            ("text/html; charset=utf-8", "text/plain", "image/png", "text/html; charset=bogus")
        )
        status = rng.choice(("200 OK", "200 OK", "404 Not Found", "301 Moved"))
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
        record.set_bytes_content(http.encode() + body)
        record.is_http = kind == WarcRecordType.response
        record.write(writer)
    writer.close()
    return out.getvalue()


def _jsonl(rng: random.Random) -> bytes:
    lines: list[bytes] = []
    for _ in range(rng.randrange(0, 8)):
        choice = rng.randrange(9)
        if choice == 0:
            lines.append(
                b'{"text": "news \\ud800 x \\udfff", "title": "t\\ud83d", "url": "https://a.example/\\udc00"}'
            )
        elif choice == 1:
            depth = rng.choice((10, 1000, 100_000))
            lines.append(b'{"text": "x", "a": ' + b"[" * depth + b"]" * depth + b"}")
        elif choice == 2:
            lines.append(b"")
        elif choice == 3:
            lines.append(_flip(rng, json.dumps({"text": _words(rng, 20)}).encode()))
        elif choice == 4:
            lines.append(
                json.dumps(
                    {"html": _page(rng), "published": rng.choice(("0001-01-01", "9999-12-31", "2024-05-01"))}
                ).encode()
            )
        elif choice == 5:
            lines.append(json.dumps([1, 2, 3]).encode())
        elif choice == 6:
            lines.append(b'{"text": "\xff\xfe broken utf-8 \xc3"}')
        else:
            lines.append(
                json.dumps(
                    {"text": _words(rng, 30), "title": {"nested": [1]}}, ensure_ascii=rng.random() < 0.5
                ).encode()
            )
    return b"\n".join(lines) + rng.choice((b"", b"\n", b"\r\n"))


def _hostile_html(rng: random.Random) -> bytes:
    n = rng.choice((1_000, 20_000, 120_000))
    shape = rng.randrange(6)
    if shape == 0:
        body = "<" * n * 2
    elif shape == 1:
        body = "<a" * n
    elif shape == 2:
        body = "<div " + " ".join(f"a{i}=v" for i in range(n // 10)) + ">x</div>"
    elif shape == 3:
        body = "<div>" * (n // 10) + _words(rng, 10) + "</div>" * (n // 20)
    elif shape == 4:
        body = "<script>" * (n // 10) + "<title>" * (n // 10)
    else:
        body = "<!--" * (n // 10) + "<meta " * (n // 10)
    return (_page(rng)[:-14] + body + "</body></html>").encode()


def _name(rng: random.Random, index: int, kind: str, suffix: str) -> str:
    odd = rng.randrange(10)
    base = f"{index:05d}-{kind}"
    if odd == 0:
        base += " with spaces"
    elif odd == 1:
        base += "-ناम-नाम"
    elif odd == 2:
        base = "-" + base  # looks like an option
    elif odd == 3:
        base += "\tand\ttabs"
    return base + suffix


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _make_file(rng: random.Random, root: Path, index: int) -> None:
    kind = rng.randrange(16)
    page = _page(rng).encode()
    name = lambda k, s: root / _name(rng, index, k, s)  # noqa: E731
    if kind == 0:
        _write(
            name("random", rng.choice((".txt", ".html", ".bin", ""))), rng.randbytes(rng.randrange(0, 3000))
        )
    elif kind == 1:
        _write(name("cut-page", ".html"), _cut(rng, page))
    elif kind == 2:
        _write(name("flip-page", ".html"), _flip(rng, page))
    elif kind == 3:
        data = gzip.compress(page, mtime=0)
        _write(name("gz-page", ".html.gz"), rng.choice((_cut, _flip))(rng, data))
    elif kind == 4:
        data = _warc(rng, rng.randrange(0, 4))
        _write(name("warc", ".warc.gz"), rng.choice((lambda r, d: d, _cut, _flip))(rng, data))
    elif kind == 5:
        _write(
            name("warc-plain", ".warc"),
            rng.choice((lambda r, d: d, _cut, _flip))(rng, gzip.decompress(_warc(rng, 2))),
        )
    elif kind == 6:
        text = _words(rng, rng.randrange(5, 200))
        bom = rng.random() < 0.5
        codec = rng.choice(("utf-16-le", "utf-16-be"))
        prefix = ("\ufeff" if bom else "").encode(codec)
        _write(name("utf16-bom" if bom else "utf16", ".txt"), prefix + text.encode(codec))
    elif kind == 7:
        _write(
            name("cp1256-urdu", rng.choice((".txt", ".html"))),
            " ".join(rng.choice(UR) for _ in range(80)).encode("cp1256", "replace"),
        )
    elif kind == 8:
        _write(
            name("latin1", ".txt"),
            "Le café de Zürich a publié un résumé naïve. ".encode("latin-1") * rng.randrange(1, 30),
        )
    elif kind == 9:
        data = _jsonl(rng)
        if rng.random() < 0.3:
            _write(
                name("jsonl-gz", ".jsonl.gz"),
                rng.choice((lambda r, d: d, _cut))(rng, gzip.compress(data, mtime=0)),
            )
        else:
            _write(name("jsonl", ".jsonl"), data)
    elif kind == 10:
        _write(name("hostile", ".html"), _hostile_html(rng))
    elif kind == 11:
        _write(
            name("empty", rng.choice((".txt", ".html", ".jsonl", ".warc"))),
            b"" if rng.random() < 0.5 else b"\n \n\t\n",
        )
    elif kind == 12:
        raw = (
            os.fsencode(root)
            + b"/"
            + f"{index:05d}-nonutf8-".encode()
            + bytes([rng.randrange(0x80, 0x100)])
            + b".txt"
        )
        with open(raw, "wb") as f:
            f.write(_words(rng, 40).encode())
    elif kind == 13:
        _write(name("surrogate-text", ".txt"), _words(rng, 20).encode() + b" \xed\xa0\x80 " + b"\xef\xbf\xbe")
    elif kind == 14:
        _write(name("page", rng.choice((".html", ".htm", ".xhtml"))), page)
    else:
        _special(rng, root, index)


def _special(rng: random.Random, root: Path, index: int) -> None:
    """FIFOs, symlinks (loops, broken, to devices), folders (empty, unreadable names)."""
    choice = rng.randrange(5)
    if choice == 0:
        os.mkfifo(root / f"{index:05d}-fifo.html")
    elif choice == 1:
        loop = root / f"{index:05d}-loop"
        loop.mkdir()
        (loop / "again").symlink_to(loop)
        (loop / "inside.txt").write_text(_words(rng, 30), encoding="utf-8")
    elif choice == 2:
        (root / f"{index:05d}-broken.txt").symlink_to(root / "does-not-exist")
    elif choice == 3:
        (root / f"{index:05d}-device.txt").symlink_to(rng.choice(("/dev/null", "/dev/zero")))
    else:
        (root / f"{index:05d}-empty-dir").mkdir()


def generate(root: Path, count: int, seed: int) -> Path:
    """Write ``count`` inputs under ``root`` (created) from ``seed``; return ``root``."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        _make_file(rng, root, index)
    return root


def main() -> None:
    """Command line: write a corpus."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
