"""Ingest a generated corpus of malformed inputs and check that every input is accounted for.

    python -m tests.fuzz.run --count 10000 --seed 16      (what ``make fuzz`` runs)

Checks, per chunk of inputs ingested into one store: the ingest returns (no exception escapes);
no stage raised (no ``stage_error`` reject), no document was refused by the store
(``store_error``) and no linker failed; every input path has a stored document or reject; and
the store's counts add up to what the run read. Prints the figures; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from khabar.config import Config
from khabar.document import Document
from khabar.ingest import read_paths
from khabar.jobs import ingest_documents
from khabar.store.sqlite import SQLiteStore
from khabar.text.valid import repair_name
from tests.fuzz.generate import generate

#: Reasons that mean code raised where it should have decided.
TRACEBACK_REASONS = frozenset({"stage_error", "store_error"})


@dataclass
class FuzzReport:
    """What a fuzz run read and found."""

    inputs: int = 0
    read: int = 0
    stored: int = 0
    rejected: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    tracebacks: int = 0
    link_failures: int = 0
    unaccounted: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether every check held."""
        return not (self.tracebacks or self.link_failures or self.unaccounted or self.mismatches)


class _Timed:
    """The documents of an iterator, with the time from pulling each to pulling the next."""

    def __init__(self, docs: Iterable[Document]) -> None:
        self.docs = docs
        self.times: list[tuple[float, str]] = []

    def __iter__(self) -> Iterator[Document]:
        last: tuple[float, str] | None = None
        for doc in self.docs:
            now = time.perf_counter()
            if last is not None:
                self.times.append((now - last[0], last[1]))
            last = (now, doc.source.uri)
            yield doc


def check_corpus(root: Path, db: Path, report: FuzzReport, *, timed_batches: bool = True) -> None:
    """Ingest every input under ``root`` into a new store ``db`` and add the findings to ``report``.

    With ``timed_batches`` each document is its own batch, so that the time from one document to
    the next is its read, stages, store and linkers; otherwise the default batch size is used.
    """
    entries = sorted(os.scandir(root), key=lambda e: e.name)
    report.inputs += len(entries)
    config = Config(db=db, batch_size=1) if timed_batches else Config(db=db)
    timed = _Timed(read_paths([str(root)]))
    with SQLiteStore(db) as store:
        run = ingest_documents(timed, store, config, "fuzz")
        stats = store.stats()
        uris = [r.uri for r in store.rejects()] + [d.source.uri for d in store.documents()]
        report.link_failures += store.link_failures.count()
    report.read += run.read
    report.stored += stats["documents"]
    report.rejected += stats["rejects"]
    report.reasons.update(stats["reject_reasons"])
    report.tracebacks += sum(
        n for reason, n in stats["reject_reasons"].items() if reason in TRACEBACK_REASONS
    )
    report.slowest = sorted([*report.slowest, *timed.times], reverse=True)[:5]
    if config.document_seconds and run.slowest_accepted_seconds > config.document_seconds:
        report.mismatches.append(
            f"{root}: a document accepted after {run.slowest_accepted_seconds:.1f} s in the stages,"
            f" over the {config.document_seconds} s budget"
        )
    if run.read != run.stored + run.already_stored:
        report.mismatches.append(
            f"{root}: read {run.read} != stored {run.stored} + known {run.already_stored}"
        )
    if stats["documents"] + stats["rejects"] != run.stored:
        report.mismatches.append(
            f"{root}: store holds {stats['documents']} + {stats['rejects']} != {run.stored}"
        )
    if stats["rejects"] != run.rejected:
        report.mismatches.append(f"{root}: {stats['rejects']} rejects stored, the run counted {run.rejected}")
    prefixes = sorted(uris)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not any(Path(entry.path).iterdir()):
            continue  # an empty folder holds no input
        name = repair_name(os.path.abspath(entry.path))[0]
        if not any(u == name or u.startswith((name + "#", name + "/")) for u in prefixes):
            report.unaccounted.append(name)


def fuzz(count: int, seed: int, chunk: int = 1000) -> FuzzReport:
    """Generate ``count`` inputs from ``seed`` in chunks of ``chunk`` and check each chunk."""
    report = FuzzReport()
    with tempfile.TemporaryDirectory(prefix="khabar-fuzz-") as tmp:
        # Load the models and import the extractors first, so that no document's time holds them.
        check_corpus(generate(Path(tmp) / "warm", 40, seed - 1), Path(tmp) / "warm.db", FuzzReport())
        start = time.perf_counter()
        for n, first in enumerate(range(0, count, chunk)):
            root = generate(Path(tmp) / f"in{n}", min(chunk, count - first), seed * 1_000_003 + n)
            check_corpus(root, Path(tmp) / f"k{n}.db", report)
            shutil.rmtree(root)
        report.seconds = time.perf_counter() - start
    return report


def main() -> None:
    """Command line: run, print the figures, exit 1 when a check failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--chunk", type=int, default=1000)
    args = parser.parse_args()
    r = fuzz(args.count, args.seed, args.chunk)
    print(
        f"inputs {r.inputs}  records read {r.read}  stored {r.stored}  rejected {r.rejected}"
        f"  in {r.seconds:.0f} s"
    )
    print("reject reasons: " + ", ".join(f"{k} {v}" for k, v in r.reasons.most_common()))
    print(f"tracebacks (stage_error, store_error) {r.tracebacks}  linker failures {r.link_failures}")
    print(f"inputs not accounted for {len(r.unaccounted)}  count mismatches {len(r.mismatches)}")
    print(
        "slowest documents (s, incl. read, stages, store, linkers): "
        + ", ".join(f"{s:.2f} {Path(u).name[:40]}" for s, u in r.slowest)
    )
    for line in (r.unaccounted + r.mismatches)[:20]:
        print("  " + line)
    sys.exit(0 if r.ok else 1)


if __name__ == "__main__":
    main()
