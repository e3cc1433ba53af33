"""NER benchmark: the quality gate on IL-NER dev, the Markdown report and `khabar eval ner`.

The tag-scheme readers and conlleval span scoring are tested in tests/models/test_conll.py.

The gate's thresholds sit a little under what the shipped models measured on IL-NER dev
(exact spans; `khabar eval ner`): Urdu overall F1 0.745 (PERSON 0.694, LOC 0.812, ORG 0.435;
250 gold entities, so one entity moves F1 by about 0.003; word clusters and HUT COMSATS/WikiANN
training since 2026-12-07, 0.734 before), Hindi 0.741 (PERSON 0.658, LOC 0.855,
ORG 0.569; 678 entities). A drop below the thresholds is a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.eval.ner import evaluate_ner, format_markdown

IL_NER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "ner" / "il_ner"

#: lang -> (dev file, minimum overall F1, minimum F1 per label)
GATE = {
    "ur": ("Urdu-dev.txt", 0.735, {"PERSON": 0.66, "LOC": 0.795, "ORG": 0.40}),
    "hi": ("Hindi-dev.txt", 0.725, {"PERSON": 0.62, "LOC": 0.835, "ORG": 0.535}),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.conll"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    return {lang: evaluate_ner(IL_NER / GATE[lang][0], lang, "il_ner") for lang in GATE}


@pytest.mark.parametrize("lang", sorted(GATE))
def test_quality_gate_on_il_ner_dev(results: dict[str, dict], lang: str) -> None:
    r = results[lang]
    _, overall, per_label = GATE[lang]
    assert r["sentences"] > 1000 and r["tokens"] > 20_000
    assert r["scores"]["overall"]["f1"] >= overall, r["scores"]
    for label, minimum in per_label.items():
        assert r["scores"][label]["f1"] >= minimum, (label, r["scores"][label])
    assert r["tokens_per_second"] > 0


def test_markdown_names_command_machine_and_licence(results: dict[str, dict]) -> None:
    md = format_markdown(list(results.values()))
    assert "khabar eval ner --lang ur --format il_ner" in md
    assert "core" in md and "CC-BY-4.0" in md
    assert md.count("| overall |") == 2


def test_cli_scores_a_file_and_writes_the_section(tmp_path: Path) -> None:
    data = _write(tmp_path, "نریندر\tB-NEP\nمودی\tI-NEP\nنے\tO\nدہلی\tB-NEL\nمیں\tO\nکہا\tO\n۔\tO\n")
    bench = tmp_path / "benchmarks.md"
    run = CliRunner().invoke(app, ["eval", "ner", "--data", str(data), "--lang", "ur", "--out", str(bench)])
    assert run.exit_code == 0, run.output
    assert "<!-- begin:ner -->" in bench.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["eval", "ner", "--data", str(data), "--lang", "fr"])
    assert bad.exit_code == 2


def test_unseen_scores_split_names_seen_in_training_from_new_ones() -> None:
    from khabar.eval.ner import unseen_scores

    sents = [
        (["عمران", "خان", "لاہور", "گئے"], ["B-PERSON", "I-PERSON", "B-LOC", "O"]),
        (["زبیدہ", "ملتان", "گئیں"], ["B-PERSON", "B-LOC", "O"]),
    ]
    pred = [
        ["B-PERSON", "I-PERSON", "O", "O"],
        ["B-PERSON", "O", "B-ORG"],
    ]
    got = unseen_scores(sents, pred, {"عمران خان"})
    assert (got["seen_gold"], got["seen_recall"]) == (1, 1.0)
    assert (got["unseen_gold"], got["unseen_recall"]) == (3, round(1 / 3, 4))
    assert got["unseen_sentences"] == 1  # only the second sentence has no known name
    overall = got["unseen_sentence_scores"]["overall"]
    assert (overall["gold"], overall["pred"], overall["recall"]) == (2, 2, 0.5)
