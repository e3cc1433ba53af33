"""Compare two directories of Khabar exports (see scripts/check-behaviour).

JSONL exports are compared record by record and field by field, so a difference is reported as
``corpus, document, field path: before -> after``, the document named by its source path relative
to the working directory (ids hash the absolute path, so they differ from checkout to
checkout); every other export is compared byte for byte. Differences listed in the allow file
(intended behaviour changes, each with its reason) are expected: each must appear exactly as
listed, and any other difference fails.

    python scripts/compare_exports.py BEFORE_DIR AFTER_DIR [--allow FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

Difference = tuple[str, str, str, Any, Any]  # corpus, document, field path, before, after


def document_key(record: dict[str, Any]) -> str:
    """The record's source path relative to the working directory (plus its ``#`` part, if any)."""
    path, sep, fragment = record["source"]["uri"].partition("#")
    return os.path.relpath(path) + sep + fragment


def _walk(path: str, a: Any, b: Any, out: list[tuple[str, Any, Any]]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() | b.keys()):
            _walk(f"{path}.{key}" if path else key, a.get(key), b.get(key), out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _walk(f"{path}[{i}]", x, y, out)
    elif a != b:
        out.append((path, a, b))


def jsonl_differences(corpus: str, before: Path, after: Path) -> list[Difference]:
    """Field-level differences between two JSONL exports, records matched by source."""

    def records(path: Path) -> dict[str, Any]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {document_key(r): r for r in map(json.loads, lines)}

    old, new = records(before), records(after)
    found: list[Difference] = []
    for doc in sorted(old.keys() | new.keys()):
        fields: list[tuple[str, Any, Any]] = []
        _walk("", old.get(doc), new.get(doc), fields)
        found.extend((corpus, doc, path, a, b) for path, a, b in fields)
    return found


def main() -> int:
    """Print every difference; exit 1 unless they are exactly the allowed ones."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--allow", type=Path, help="JSON file of intended differences")
    args = parser.parse_args()
    allowed: set[str] = set()
    if args.allow:
        for change in json.loads(args.allow.read_text(encoding="utf-8"))["changes"]:
            allowed.add(
                json.dumps(
                    [change["corpus"], change["document"], change["path"], change["before"], change["after"]],
                    ensure_ascii=False,
                )
            )
    unexpected, seen, files = [], set(), 0
    for before in sorted(p for p in args.before.iterdir() if not p.name.endswith((".db", "-wal", "-shm"))):
        after = args.after / before.name
        files += 1
        if not after.exists():
            unexpected.append(f"{before.name}: missing after")
        elif before.suffix == ".jsonl":
            for diff in jsonl_differences(before.stem, before, after):
                key = json.dumps(list(diff), ensure_ascii=False)
                (seen.add(key) if key in allowed else unexpected.append(key))
        elif before.read_bytes() != after.read_bytes():
            unexpected.append(f"{before.name}: differs")
    for line in unexpected:
        print("unexpected:", line)
    for key in sorted(allowed - seen):
        print("allowed but not seen (update the allow file):", key)
    if unexpected or allowed - seen:
        return 1
    print(f"{files} export files compared: identical except the {len(seen)} intended changes listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
