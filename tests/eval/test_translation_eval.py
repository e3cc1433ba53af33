"""Translation-pair detection on TICO-19: the pairs, the tuning and a quality gate on each method."""

from __future__ import annotations

import pytest

from khabar.dedup import decide
from khabar.errors import InputError
from khabar.eval import translation
from khabar.eval.translation import Pair, build_pairs, prf, read_lines, score_pairs, tune
from tests.conftest import SHARED

EVAL = SHARED / "eval"
#: Blocks of the report half embedded for the semantic gate: the model reads ~25 lines/s, so a
#: small sample (its pairs and their neighbours) keeps the test short.
SEMANTIC_SAMPLE_BLOCKS = 4


@pytest.fixture(scope="module")
def halves() -> tuple[list[Pair], list[Pair]]:
    return build_pairs(read_lines(EVAL))


def test_pairs_are_same_blocks_and_neighbours(halves: tuple[list[Pair], list[Pair]]) -> None:
    tune_pairs, test_pairs = halves
    assert sum(p.gold for p in tune_pairs) == sum(p.gold for p in test_pairs) == 105
    assert sum(not p.gold for p in test_pairs) == 2 * 104
    for pair in test_pairs:
        assert pair.a.lang == "hi" and pair.b.lang == "ur"
        ia, ib = int(pair.a.source.uri.rsplit(":", 1)[1]), int(pair.b.source.uri.rsplit(":", 1)[1])
        assert (ia == ib) == pair.gold and abs(ia - ib) <= 1
    assert {p.a.source.uri for p in tune_pairs}.isdisjoint({p.a.source.uri for p in test_pairs})


def test_missing_data_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(InputError, match="TICO-19"):
        read_lines(SHARED / "nowhere")


def test_tune_picks_the_separating_threshold() -> None:
    pairs = [
        Pair(None, None, gold, key_score=s)
        for gold, s in ((True, 0.9), (True, 0.7), (False, 0.2), (False, 0.5))
    ]  # type: ignore[arg-type]
    t = tune(pairs, lambda p: p.key_score)
    assert 0.5 < t <= 0.7
    assert prf(pairs, lambda p: p.key_score >= t)["f1"] == 1.0


def test_quality_gate_without_the_semantic_extra(halves: tuple[list[Pair], list[Pair]]) -> None:
    _, test_pairs = halves
    score_pairs(test_pairs)
    result = prf(test_pairs, lambda p: decide.judge(p.key_score, p.ratio).translation)
    assert result["f1"] >= 0.9, result


def test_quality_gate_with_the_semantic_extra(halves: tuple[list[Pair], list[Pair]]) -> None:
    from khabar.dedup import crosslang, semantic

    _, test_pairs = halves
    blocks = {p.a.source.uri for p in test_pairs if p.gold}
    chosen = sorted(blocks, key=lambda u: int(u.rsplit(":", 1)[1]))[:SEMANTIC_SAMPLE_BLOCKS]
    index = {int(u.rsplit(":", 1)[1]) for u in chosen}
    sample = [
        p
        for p in test_pairs
        if int(p.a.source.uri.rsplit(":", 1)[1]) in index and int(p.b.source.uri.rsplit(":", 1)[1]) in index
    ]
    cache: dict[str, object] = {}

    def embed(doc):  # type: ignore[no-untyped-def]
        if doc.id not in cache:
            cache[doc.id] = semantic.embed_lines([line.text for line in crosslang.content_lines(doc)])
        return cache[doc.id]

    score_pairs(sample, embed)
    result = prf(sample, lambda p: decide.judge(p.key_score, p.ratio, p.coverage).translation)
    assert result["tp"] == SEMANTIC_SAMPLE_BLOCKS and result["f1"] >= 0.95, result


def test_markdown_names_command_and_data() -> None:
    result = {
        "command": translation.COMMAND,
        "source": translation.SOURCE,
        "block_lines": 10,
        "tune": {"pairs": 1, "negatives": 2},
        "test": {"pairs": 1, "negatives": 2},
        "thresholds": {"key_threshold": 0.3, "coverage_threshold": 0.9, "tuned_key_threshold": 0.31},
        "rows": {"keys": {"precision": 1.0, "recall": 1.0, "f1": 1.0}},
        "means": {
            "key_score": {"pairs": 0.4, "negatives": 0.2},
            "coverage": {"pairs": None, "negatives": None},
        },
        "candidate_recall": 0.9,
        "pairs_per_second_keys": 100,
    }
    text = translation.format_markdown(result)
    assert "khabar eval translation" in text and "TICO-19" in text and "| keys | 1.000 |" in text
