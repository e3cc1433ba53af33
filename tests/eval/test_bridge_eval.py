"""Quality gate for the script bridge (Urdu ↔ Devanagari) on held-out Dakshina words and KB names.

Measured (``khabar eval bridge``): held-out words ur→hi 38.4 % (989 words), hi→ur 53.9 % (917);
KB names through the whole bridge 98.6 % / 98.1 %; KB names without the KB table 57.7 % / 70.7 %.
Urdu → Devanagari must guess the short vowels Urdu leaves out, hence the lower figure; the gold
answers come from a noisy romanization join, so the ceiling is below 100 %. Floors sit a few
points below the measurement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.eval.bridge import evaluate_bridge, format_markdown

EVAL_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
FLOORS = {
    "words": {"ur->hi": 0.35, "hi->ur": 0.50},
    "kb_names": {"ur->hi": 0.95, "hi->ur": 0.95},
    "kb_names_model": {"ur->hi": 0.52, "hi->ur": 0.65},
}


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate_bridge(EVAL_ROOT)


def test_bridge_accuracy_stays_above_its_floors(result: dict) -> None:
    for part, floors in FLOORS.items():
        for direction, floor in floors.items():
            row = result[part][direction]
            assert row["n"] >= 500, (part, direction, row["n"])
            assert row["accuracy"] >= floor, (part, direction, row["accuracy"], row["misses"])


def test_markdown_report(result: dict) -> None:
    text = format_markdown(result)
    assert text.startswith("## Script bridge")
    assert "| Dakshina dev words (held out) | ur->hi |" in text and "Dakshina" in text


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        evaluate_bridge(tmp_path)
