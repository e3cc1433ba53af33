"""Every input is accounted for: each path and record ends as a document or a reject with a reason."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from khabar.config import Config
from khabar.document import Document
from khabar.ingest import read_paths
from khabar.jobs import ingest
from khabar.store.sqlite import SQLiteStore
from tests.conftest import warc_response

GOOD = "Officials said the border crossing at Torkham reopened on Monday after two days of talks."


def _reasons(docs: list[Document]) -> list[str]:
    return [d.rejects[-1].reason if d.rejected else "" for d in docs]


def _metadata_warc() -> bytes:
    out = io.BytesIO()
    writer = GzipWriter(out)
    for n, kind in enumerate((WarcRecordType.warcinfo, WarcRecordType.metadata, WarcRecordType.request)):
        record = WarcRecord()
        record.init_headers(
            record_type=kind, record_urn=f"urn:uuid:0000000{n}-0000-0000-0000-000000000000".encode()
        )
        record.set_bytes_content(b"software: test\r\n")
        record.write(writer)
    writer.close()
    return out.getvalue()


def test_blank_jsonl_is_one_no_records_reject(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\r\n\n")
    (doc,) = read_paths([str(tmp_path / "blank.jsonl")])
    assert _reasons([doc]) == ["no_records"]


def test_warc_of_metadata_records_is_one_reject(tmp_path: Path) -> None:
    (tmp_path / "meta.warc.gz").write_bytes(_metadata_warc())
    (doc,) = read_paths([str(tmp_path / "meta.warc.gz")])
    assert _reasons([doc]) == ["only_metadata_records"]
    assert "3 records" in doc.rejects[0].detail


def test_links_to_devices_and_pipes_are_not_regular_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "null.txt").symlink_to("/dev/null")
    (tmp_path / "pipe.html").symlink_to(tmp_path / "pipe")
    named = list(read_paths([str(tmp_path / "null.txt"), str(tmp_path / "pipe.html")]))
    walked = list(read_paths([str(tmp_path)]))
    assert _reasons(named) == ["not_a_regular_file"] * 2
    assert _reasons(walked) == ["not_a_regular_file"] * 3


def test_a_device_is_read_only_up_to_the_limit() -> None:
    (doc,) = read_paths(["/dev/zero"], max_bytes=100_000)
    assert _reasons([doc]) == ["too_large"]
    assert doc.meta["size"] == 100_001


def test_an_endless_jsonl_line_stops_the_reading() -> None:
    class Endless(io.RawIOBase):
        """``{"text": "aaaa…`` for ever."""

        def __init__(self) -> None:
            self.sent = 0

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            head = b'{"text": "' if self.sent == 0 else b""
            b[:] = (head + b"a" * len(b))[: len(b)]
            self.sent += len(b)
            return len(b)

        def readable(self) -> bool:
            return True

    stream = io.BufferedReader(Endless())
    (doc,) = read_paths(["-"], max_bytes=10_000, stdin=stream)
    assert _reasons([doc]) == ["too_large"]
    assert "reading stopped" in doc.rejects[0].detail


def _corpus(root: Path, seed: int) -> None:
    """Good and bad files of every kind, named and shaped at random from ``seed``."""
    rng = random.Random(seed)
    root.mkdir()
    makers = [
        lambda i: (f"{i}.txt", f"{GOOD} item {i} {rng.random()}".encode()),
        lambda i: (f"{i}.txt", b""),
        lambda i: (f"{i}.bin", bytes(rng.randrange(256) for _ in range(300))),
        lambda i: (
            f"{i}.html",
            f"<html><head><title>t{i}</title></head><body><p>{GOOD} {i}</p></body></html>".encode(),
        ),
        lambda i: (f"{i}.html", b"<" * rng.randrange(1, 5000)),
        lambda i: (f"{i}.jsonl", b"\n\n"),
        lambda i: (
            f"{i}.jsonl",
            b"\n".join(
                [json.dumps({"text": f"{GOOD} {i}.{k}"}).encode() for k in range(rng.randrange(1, 4))]
                + [b'{"text":"news \\ud800 x"}', b"not json", b'{"html": 3}', b"[" * 50_000]
            ),
        ),
        lambda i: (f"{i}.jsonl.gz", gzip.compress(json.dumps({"text": f"{GOOD} gz {i}"}).encode())[:-6]),
        lambda i: (f"{i}.warc.gz", warc_response(f"https://a.example/{i}", f"<p>{GOOD} w{i}</p>".encode())),
        lambda i: (f"{i}.warc.gz", _metadata_warc()),
        lambda i: (f"{i}.warc", b"WARC/1.0\r\nbroken"),
    ]
    for i in range(60):
        name, data = rng.choice(makers)(i)
        (root / name).write_bytes(data)
    os.mkfifo(root / "fifo")
    (root / "zero.txt").symlink_to("/dev/zero")


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_and_rejected_add_up_to_what_was_read(tmp_path: Path, seed: int) -> None:
    _corpus(tmp_path / "in", seed)
    config = Config(db=tmp_path / "k.db", stages=("clean", "langid", "normalize", "metadata"), links=())
    with SQLiteStore(config.db) as store:
        report = ingest([str(tmp_path / "in")], store, config)
        stats = store.stats()
    assert report.read == report.stored + report.already_stored
    assert stats["documents"] + stats["rejects"] == report.stored
    assert stats["rejects"] == report.rejected
    assert sum(stats["reject_reasons"].values()) == sum(report.reasons.values()) == report.rejected
    assert {"not_a_regular_file", "no_records", "too_deep", "only_metadata_records"} <= set(report.reasons)


def _khabar_process(*args: str, stdin: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    cmd = [sys.executable, "-m", "khabar", *args]
    return subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)


@pytest.mark.parametrize("source", ["yes", "/dev/zero"])
def test_endless_stdin_and_devices_end_with_too_large(tmp_path: Path, source: str) -> None:
    # Before, reading went on past the limit for ever; a hang here fails on the wait's timeout.
    db = str(tmp_path / "k.db")
    if source == "yes":
        producer = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
        assert producer.stdout is not None
        proc = _khabar_process("ingest", "-", "--db", db, stdin=producer.stdout.fileno())
        producer.stdout.close()
    else:
        producer = None
        proc = _khabar_process("ingest", source, "--db", db)
    try:
        output, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
        if producer is not None:
            producer.kill()
            producer.wait()
    assert b"too_large" in output, output
    assert proc.returncode == 3  # every document rejected: over --max-reject-share
