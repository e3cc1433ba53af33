"""Quality gate for event coding: the seed + Urdu/Hindi gold set and the PLOVER gold records.

The thresholds sit a little under the figures measured when they were set (recorded in
docs/benchmarks.md, section "events"): seeds + all Urdu/Hindi F1 0.70 (seeds 0.95, tuning parts
urhi-dev 0.89, urhi2-dev 0.77, urhi3-dev 0.62 and the older test parts, read in the fourth round,
urhi-test 0.56, urhi2-test 0.78, urhi3-test 0.57; the one held-out part, urhi4-test, 0.31);
PLOVER type accuracy 0.67 (dev 0.78, test half 0.57), actor match 0.70; the type classifier
0.96/0.95 on the held-out police/EDNIL documents. A drop below fails. Issue 13's targets
(held-out F1 and PLOVER test type accuracy 0.70) are not reached: ``test_issue_targets`` records
them as an expected failure that turns into an error once met, so the floors get raised.
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

#: (type, actor, recipient) F1 on seeds + every Urdu/Hindi gold sentence.
GATE_F1 = 0.66
SEEDS_F1 = 0.92
URHI_DEV_F1 = 0.82
URHI2_DEV_F1 = 0.72
URHI3_DEV_F1 = 0.57
#: The older test parts, read (so tuned on) since the fourth round.
URHI_TEST_F1 = 0.5
URHI2_TEST_F1 = 0.7
URHI3_TEST_F1 = 0.5
#: The held-out part, never tuned on.
URHI4_TEST_F1 = 0.27
HELDOUT_F1 = 0.27
PLOVER_TYPE = 0.63
PLOVER_DEV_TYPE = 0.74
PLOVER_TEST_TYPE = 0.52
PLOVER_ACTOR = 0.65
CLASSIFIER_HELDOUT = 0.9
#: Issue 13's targets, not yet reached.
ISSUE_HELDOUT_F1 = 0.7
ISSUE_PLOVER_TEST_TYPE = 0.7


@pytest.fixture(scope="module")
def result() -> EventsEval:
    return evaluate_events(SHARED / "eval")


def test_gold_files_resolve(result: EventsEval) -> None:
    assert result.errors == []
    assert result.sentences["urhi"] >= 30 and result.sentences["seeds"] >= 30
    assert result.sentences["urhi2"] >= 40 and result.sentences["urhi2-test"] >= 13
    assert result.sentences["urhi3"] >= 80 and result.sentences["urhi3-test"] >= 25
    assert result.sentences["urhi4"] == result.sentences["urhi4-test"] >= 85
    sets = ("urhi", "urhi2", "urhi3", "urhi4")
    assert result.sentences["all"] == result.sentences["seeds"] + sum(result.sentences[k] for k in sets)
    assert result.sentences["heldout"] == result.sentences["urhi4-test"]  # the older ones were read


def test_gate_on_seeds_and_urdu_hindi(result: EventsEval) -> None:
    assert result.gold["all"].f1 >= GATE_F1
    assert result.gold["seeds"].f1 >= SEEDS_F1
    assert result.gold["urhi-dev"].f1 >= URHI_DEV_F1
    assert result.gold["urhi2-dev"].f1 >= URHI2_DEV_F1
    assert result.gold["urhi3-dev"].f1 >= URHI3_DEV_F1


def test_held_out_parts(result: EventsEval) -> None:
    assert result.gold["urhi-test"].f1 >= URHI_TEST_F1
    assert result.gold["urhi2-test"].f1 >= URHI2_TEST_F1
    assert result.gold["urhi3-test"].f1 >= URHI3_TEST_F1
    assert result.gold["urhi4-test"].f1 >= URHI4_TEST_F1
    assert result.gold["heldout"].f1 >= HELDOUT_F1


def test_plover_gold_records(result: EventsEval) -> None:
    figures = result.plover["all"]
    assert figures["records"] == 322
    assert figures["type"] / figures["records"] >= PLOVER_TYPE
    assert figures["actor"] / figures["records"] >= PLOVER_ACTOR
    for split, floor in (("dev", PLOVER_DEV_TYPE), ("test", PLOVER_TEST_TYPE)):
        assert result.plover[split]["type"] / result.plover[split]["records"] >= floor


def test_type_classifier_on_held_out_documents(result: EventsEval) -> None:
    assert set(result.classifier) == {"india_police_events held-out", "ednil2020_en held-out"}
    for n, accuracy in result.classifier.values():
        assert n > 500 and accuracy >= CLASSIFIER_HELDOUT


@pytest.mark.xfail(strict=True, reason="issue 13 targets not reached yet (held-out 0.31, PLOVER test 0.57)")
def test_issue_targets(result: EventsEval) -> None:
    assert result.gold["heldout"].f1 >= ISSUE_HELDOUT_F1
    assert result.gold["urhi4-test"].f1 >= ISSUE_HELDOUT_F1
    assert result.plover["test"]["type"] / result.plover["test"]["records"] >= ISSUE_PLOVER_TEST_TYPE


def test_markdown_names_the_command_and_the_data(result: EventsEval) -> None:
    text = format_markdown(result)
    assert "khabar eval events" in text and "PLOVER" in text
    for name in (
        "seeds",
        "urhi-dev",
        "urhi2-dev",
        "urhi3-dev",
        "urhi-test",
        "urhi2-test",
        "urhi3-test",
        "urhi4-test",
        "heldout",
        "all",
    ):
        assert f"| {name} |" in text


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
