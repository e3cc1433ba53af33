"""Quality gate for page kinds: real article pages must stay articles.

Measured with ``khabar eval pages``: trafilatura_eval 986 of 989 readable pages called article
(99.7 %; the three others are a video player page, a slideshow and a company home page),
scrapinghub_aeb 181 of 181 (100 %). A drop below the gate is a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.eval.page_kinds import evaluate_page_kinds, format_markdown

EVAL_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

#: set -> (least pages read, least share classified article)
GATES = {"trafilatura_eval": (980, 0.99), "scrapinghub_aeb": (180, 0.99)}


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate_page_kinds(EVAL_ROOT)


@pytest.mark.parametrize("name", sorted(GATES))
def test_article_pages_stay_articles(result: dict, name: str) -> None:
    row = result["sets"][name]
    least_pages, least_share = GATES[name]
    assert row["n"] >= least_pages, row["n"]
    assert row["article_share"] >= least_share, row["not_article"]


def test_the_report_lists_every_page_set_aside(result: dict) -> None:
    text = format_markdown(result)
    for row in result["sets"].values():
        for wrong in row["not_article"]:
            assert wrong["url"] in text
    assert result["ms_per_page"] > 0
