"""Input cut into shards that workers read on their own: groups of files, WARC files by record
ranges, JSON Lines files by line ranges.

A shard is a plain, picklable description (paths, ranges, fingerprints), never the documents:
each worker reads its shard itself. Reading every shard of a plan, in plan order, yields the
same Documents as :func:`khabar.ingest.read_paths` over the same paths. A shard's id is a hash of
what it reads (path, range) and of each file's fingerprint (size, modification time, head and
tail bytes), so the same input planned again gives the same ids, and a changed file new ones.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from khabar.document import Document
from khabar.errors import InputError
from khabar.ingest.files import kind_for, read_file, walk
from khabar.ingest.jsonl import count_lines
from khabar.ingest.repair import repair_document
from khabar.ingest.text import MAX_DOCUMENT_BYTES, ByteStream
from khabar.ingest.warc import document_offsets

#: Files, WARC records or JSON Lines lines per shard unless told otherwise: a few seconds of
#: work for a worker on web pages, small enough that a killed run loses little.
DEFAULT_SHARD_SIZE = 100

#: Bytes hashed from each end of a file for its fingerprint.
FINGERPRINT_BYTES = 1 << 16

_CONTAINERS = ("warc", "jsonl")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Unit:
    """One thing a shard reads: a whole file (``start`` and ``stop`` None), a record range of a
    container (``start <= n < stop``, ``stop`` None to its end; a WARC range with the byte
    ``offset`` of its first record), or a Document a directory walk
    already rejected (``rejected``: an entry that is no readable file)."""

    path: str
    fingerprint: str = ""
    kind: str = "file"
    start: int | None = None
    stop: int | None = None
    offset: int | None = None  # where a WARC range's first record starts in the file, when known
    rejected: Document | None = field(default=None, compare=False)

    def describe(self) -> list[object]:
        """What the unit reads, for its shard's id."""
        if self.rejected is not None:
            return ["rejected", self.path, self.rejected.id]
        return [self.kind, self.path, self.start, self.stop, self.fingerprint]


@dataclass(frozen=True)
class Shard:
    """A piece of the input: its position in the plan, its id and what it reads."""

    position: int
    units: tuple[Unit, ...]
    id: str = ""

    @property
    def label(self) -> str:
        """A short human description: the first path and its range, and how many units follow."""
        first = self.units[0]
        where = first.path
        if first.start is not None or first.stop is not None:
            where += f" [{first.start}:{'' if first.stop is None else first.stop}]"
        more = len(self.units) - 1
        return where + (f" and {more} more" if more else "")


def fingerprint(path: Path) -> str:
    """Size, modification time and a hash of the first and last :data:`FINGERPRINT_BYTES`."""
    info = path.stat()
    digest = hashlib.sha256(f"{info.st_size}:{info.st_mtime_ns}".encode())
    with path.open("rb") as handle:
        digest.update(handle.read(FINGERPRINT_BYTES))
        if info.st_size > FINGERPRINT_BYTES:
            handle.seek(max(FINGERPRINT_BYTES, info.st_size - FINGERPRINT_BYTES))
            digest.update(handle.read(FINGERPRINT_BYTES))
    return digest.hexdigest()[:24]


def plan_shards(paths: Sequence[str], shard_size: int = DEFAULT_SHARD_SIZE) -> list[Shard]:
    """Cut ``paths`` (files and directories; not stdin) into shards of about ``shard_size``
    files, records or lines, in reading order.

    Consecutive single documents (text, HTML) share a shard; a WARC or JSON Lines file with
    more than ``shard_size`` records gets shards of its own, by range (counted with one fast
    pass over the file). Raises :class:`~khabar.errors.InputError` for a path that does not
    exist, for ``-`` (standard input cannot be shared out) and for a ``shard_size`` below 1.
    """
    if shard_size < 1:
        raise InputError(f"the shard size must be at least 1, not {shard_size}")
    for path in paths:
        if path == "-":
            raise InputError("standard input cannot be split into shards; save it to a file first")
        if not os.path.lexists(path):
            raise InputError(f"input path {path!r} does not exist")
    groups: list[list[Unit]] = []
    loose: list[Unit] = []
    for unit in _units(paths, shard_size):
        if unit.kind in _CONTAINERS:  # a range of a large container: a shard of its own
            if loose:
                groups.extend(_chunks(loose, shard_size))
                loose = []
            groups.append([unit])
        else:
            loose.append(unit)
    groups.extend(_chunks(loose, shard_size))
    shards = []
    for position, units in enumerate(groups):
        key = json.dumps([u.describe() for u in units], ensure_ascii=False)
        shard_id = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        shards.append(Shard(position, tuple(units), shard_id))
    return shards


def read_shard(shard: Shard, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Document]:
    """The Documents of ``shard``, as a whole read of the same input yields them, repaired to
    valid Unicode (:func:`~khabar.ingest.repair.repair_document`)."""
    for unit in shard.units:
        if unit.rejected is not None:
            yield repair_document(unit.rejected)
            continue
        records = None if unit.kind == "file" else (unit.start or 0, unit.stop)
        for doc in read_file(Path(unit.path), max_bytes=max_bytes, records=records, offset=unit.offset):
            yield repair_document(doc)


def _chunks(units: list[Unit], size: int) -> Iterator[list[Unit]]:
    for i in range(0, len(units), size):
        yield units[i : i + size]


def _units(paths: Sequence[str], shard_size: int) -> Iterator[Unit]:
    for raw in paths:
        path = Path(raw)
        entries: Iterator[Path | Document] = walk(path) if path.is_dir() else iter([path])
        for entry in entries:
            if isinstance(entry, Document):
                yield Unit(path=entry.source.uri, rejected=entry)
            else:
                yield from _file_units(entry, shard_size)


def _file_units(path: Path, shard_size: int) -> Iterator[Unit]:
    """One unit for the file, or its record ranges when it is a container with more than
    ``shard_size`` records (the last range open, so whatever ends the file goes with it)."""
    uri = os.path.abspath(path)
    kind = kind_for(path)
    offsets: list[int | None] = []
    try:
        mark = fingerprint(path)
        if kind in _CONTAINERS:
            offsets = _offsets(path, kind)
    except OSError:  # read_file reports what is wrong with it
        yield Unit(path=uri)
        return
    count = len(offsets)
    if count <= shard_size:
        yield Unit(path=uri, fingerprint=mark)
        return
    assert kind is not None
    first = 0 if kind == "warc" else 1  # WARC records count from 0, JSON Lines lines from 1
    for i in range(0, count, shard_size):
        stop = first + i + shard_size if i + shard_size < count else None
        yield Unit(path=uri, fingerprint=mark, kind=kind, start=first + i, stop=stop, offset=offsets[i])


def _offsets(path: Path, kind: str) -> list[int | None]:
    """A WARC file's record offsets (None where the file cannot be entered there: one gzip
    member for the whole archive), or one None per line of a JSON Lines file."""
    with path.open("rb") as handle:
        compressed = handle.peek(2)[:2] == _GZIP_MAGIC
        if kind == "warc":
            found = document_offsets(handle)
            magic = _GZIP_MAGIC if compressed else b"WARC/"
            usable = all(b > a for a, b in itertools.pairwise(found))
            for offset in found:  # each must start a record read on its own (a gzip member)
                if not usable:
                    break
                handle.seek(offset)
                usable = usable and handle.read(len(magic)) == magic
            return [o if usable else None for o in found]
        stream: ByteStream = gzip.GzipFile(fileobj=handle, mode="rb") if compressed else handle
        return [None] * count_lines(stream)
