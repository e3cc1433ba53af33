"""The hand-written table of Urdu, Hindi and English expressions with anchors and expected values.

Each row of ``cases.tsv`` gives a phrase as it appears in news (with enough of its sentence to
show the tense where it matters), an anchor day, the expected ISO value of the phrase's first
time expression, and how it must be resolved. Every row must pass.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khabar.timex.resolve import Anchor, resolve
from khabar.timex.tagger import tag

TABLE = Path(__file__).with_name("cases.tsv")
#: The issue asks for at least this many rows.
MIN_ROWS = 150


def _rows() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text, anchor, value, by = line.split("\t")
            rows.append((lang, text, anchor, value, by))
    return rows


ROWS = _rows()


def test_table_is_large_and_covers_three_languages() -> None:
    assert len(ROWS) >= MIN_ROWS
    langs = {r[0] for r in ROWS}
    assert langs == {"ur", "hi", "en"}
    assert all(sum(r[0] == lang for r in ROWS) >= 40 for lang in langs)


@pytest.mark.parametrize(
    ("lang", "text", "anchor", "value", "by"), ROWS, ids=[f"{r[0]}:{r[1]}@{r[2]}" for r in ROWS]
)
def test_case(lang: str, text: str, anchor: str, value: str, by: str) -> None:
    found = tag(text)
    assert found, f"no time expression found in {text!r}"
    a = None if anchor == "-" else Anchor(date.fromisoformat(anchor), "test", "relative_to_publication", 0.7)
    got = resolve(found[0], a)
    assert (got.value, got.resolved_by) == (value, by), (found[0], got)
