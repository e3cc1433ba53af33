"""Quality gate for event coding: the seed + Urdu/Hindi gold set and the PLOVER gold records.

The thresholds sit a little under the figures measured when the gate was set (recorded in
docs/benchmarks.md, section "events"): seeds + Urdu/Hindi F1 0.78 (seeds 0.91, Urdu/Hindi 0.60, its
untuned "test" half 0.37); PLOVER type accuracy 0.64 (test half 0.56), actor match 0.71. A drop
below fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.document import Event
from khabar.eval.events import (
    EventsEval,
    Score,
    evaluate_events,
    format_markdown,
    party_matches,
    score_sentence,
)
from tests.conftest import SHARED

#: The issue's gate: (type, actor, recipient) F1 on seeds + Urdu/Hindi gold.
GATE_F1 = 0.7
SEEDS_F1 = 0.85
URHI_F1 = 0.5
URHI_TEST_F1 = 0.3
PLOVER_TYPE = 0.6
PLOVER_ACTOR = 0.65


@pytest.fixture(scope="module")
def result() -> EventsEval:
    return evaluate_events(SHARED / "eval")


def test_gold_files_resolve(result: EventsEval) -> None:
    assert result.errors == []
    assert result.sentences["urhi"] >= 30 and result.sentences["seeds"] >= 30


def test_gate_on_seeds_and_urdu_hindi(result: EventsEval) -> None:
    assert result.gold["all"].f1 >= GATE_F1
    assert result.gold["seeds"].f1 >= SEEDS_F1
    assert result.gold["urhi"].f1 >= URHI_F1
    assert result.gold["urhi-test"].f1 >= URHI_TEST_F1


def test_plover_gold_records(result: EventsEval) -> None:
    figures = result.plover["all"]
    assert figures["records"] == 322
    assert figures["type"] / figures["records"] >= PLOVER_TYPE
    assert figures["actor"] / figures["records"] >= PLOVER_ACTOR


def test_markdown_names_the_command_and_the_data(result: EventsEval) -> None:
    text = format_markdown(result)
    assert "khabar eval events" in text and "PLOVER" in text and "urhi-test" in text


def test_party_matching() -> None:
    assert party_matches("per:kim-jong-un", "per:kim-jong-un", "")
    assert party_matches("loc:russia", "per:sergei-shoigu", "شوئیگو", "2024-09-13")  # acts for Russia
    assert party_matches("दिल्ली पुलिस", "u:x", "दिल्ली पुलिस की")
    assert not party_matches("loc:china", "loc:russia", "روس")


def test_scoring_counts_and_flags() -> None:
    gold = [
        {"type": "ACCUSE", "actors": ["loc:united-states"], "recipients": ["loc:north-korea"], "date": "2024"}
    ]
    hit = Event(
        "ACCUSE", 0, 1, 0, 1, actors=["loc:united-states"], recipients=["loc:north-korea"], time="2024-06"
    )
    future = Event("AID", 0, 1, 0, 1, actors=["loc:russia"], future=True)
    wrong = Event("REJECT", 0, 1, 0, 1, actors=["loc:russia"])
    score = score_sentence(gold, [hit, future, wrong])
    assert (score.tp, score.fp, score.fn, score.date_ok) == (1, 1, 0, 1)
    assert Score.prf(1, 1, 0) == pytest.approx((0.5, 1.0, 2 / 3))


def test_data_path_is_checked(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        evaluate_events(tmp_path)
