"""Quality gate for time-expression detection on ILTIMEX 2012 (Hindi news, 300 articles).

Measured on the full set: strict (same span) P 76.5 % R 76.3 % F1 76.4 %; lenient (overlap)
P 92.2 % R 88.2 % F1 90.1 %. The thresholds sit a little below; a drop below them is a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.eval.timex import evaluate_timex, format_markdown, read_article

EVAL_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
MIN_STRICT_F1 = 0.74
MIN_LENIENT_F1 = 0.88
MIN_LENIENT_PRECISION = 0.90


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate_timex(EVAL_ROOT)


def test_whole_set_was_read(result: dict) -> None:
    assert result["files"] == 300
    assert result["gold"] == 1920
    assert result["sentences_per_second"] > 0


def test_detection_gate(result: dict) -> None:
    assert result["strict"]["f1"] >= MIN_STRICT_F1, result["strict"]
    assert result["lenient"]["f1"] >= MIN_LENIENT_F1, result["lenient"]
    assert result["lenient"]["precision"] >= MIN_LENIENT_PRECISION, result["lenient"]


def test_reader_keeps_gold_spans_on_the_text() -> None:
    text, spans = read_article(EVAL_ROOT / "timex" / "iltimex2012_manual_tagged" / "C-1.xml")
    assert [text[s:e] for s, e, _ in spans] == ["अगले 6 महीने", "26 फरवरी", "छह महीने", "3 फरवरी"]
    assert [k for _, _, k in spans] == ["P", "D", "P", "D"]
    assert "<" not in text


def test_markdown_names_the_command(result: dict) -> None:
    md = format_markdown(result)
    assert "khabar eval time" in md and "F1" in md
