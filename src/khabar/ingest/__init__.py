"""Readers: turn files, directories, archives and stdin into a stream of Documents.

Every reader is a lazy ``Iterator[Document]``. Bad input (an empty file, a photo, a cut-off
WARC) comes out as a Document that is already rejected, with a reason and a preview; only a
path that does not exist raises, before anything is read.

>>> from khabar.ingest import read_paths
>>> docs = list(read_paths(["examples/"]))  # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from khabar.document import Document
from khabar.errors import InputError
from khabar.ingest.decode import DecodeFailure, decode_bytes
from khabar.ingest.files import STDIN_URI, kind_for, read_file, read_path, read_stream
from khabar.ingest.html import html_document
from khabar.ingest.jsonl import read_jsonl
from khabar.ingest.repair import INVALID_UNICODE_KEY, repair_document
from khabar.ingest.text import INGEST_STAGE, MAX_DOCUMENT_BYTES, text_document
from khabar.ingest.warc import read_warc

__all__ = [
    "INGEST_STAGE",
    "INVALID_UNICODE_KEY",
    "MAX_DOCUMENT_BYTES",
    "STDIN_URI",
    "DecodeFailure",
    "decode_bytes",
    "html_document",
    "kind_for",
    "read_file",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_stream",
    "read_warc",
    "repair_document",
    "text_document",
]

#: The path that stands for standard input.
STDIN_PATH = "-"


def read_paths(
    paths: Sequence[str], *, max_bytes: int = MAX_DOCUMENT_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Yield the Documents of every path in order: files, directories (recursively) and "-" for stdin.

    Raises :class:`~khabar.errors.InputError` at once, before reading anything, when a path
    does not exist or ``max_bytes`` is not positive. Everything else that goes wrong with
    an input becomes a rejected Document. Every Document's strings are valid Unicode
    (:func:`~khabar.ingest.repair.repair_document`). ``stdin`` defaults to ``sys.stdin.buffer``.
    """
    if max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    for path in paths:
        if path != STDIN_PATH and not os.path.lexists(path):
            raise InputError(f"input path {path!r} does not exist; check it, or pass '-' to read stdin")
    return _read_all(paths, max_bytes, stdin)


def _read_all(paths: Sequence[str], max_bytes: int, stdin: BinaryIO | None) -> Iterator[Document]:
    for path in paths:
        if path == STDIN_PATH:
            docs = read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes=max_bytes)
        else:
            docs = read_path(Path(path), max_bytes=max_bytes)
        for doc in docs:
            yield repair_document(doc)
