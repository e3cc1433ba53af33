"""NER benchmark: tag-scheme readers, conlleval span scoring, and the quality gate on IL-NER dev.

The gate's thresholds sit a little under what the shipped models measured on IL-NER dev
(exact spans; `khabar eval ner`): Urdu overall F1 0.734 (PERSON 0.625, LOC 0.822, ORG 0.435;
250 gold entities, so one entity moves F1 by about 0.003), Hindi 0.741 (PERSON 0.658, LOC 0.855,
ORG 0.569; 678 entities). A drop below the thresholds is a regression.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.errors import InputError
from khabar.eval.ner import evaluate_ner, format_markdown, read_conll, score, spans

IL_NER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "ner" / "il_ner"

#: lang -> (dev file, minimum overall F1, minimum F1 per label)
GATE = {
    "ur": ("Urdu-dev.txt", 0.72, {"PERSON": 0.58, "LOC": 0.80, "ORG": 0.38}),
    "hi": ("Hindi-dev.txt", 0.725, {"PERSON": 0.62, "LOC": 0.835, "ORG": 0.535}),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.conll"
    path.write_text(text, encoding="utf-8")
    return path


def test_il_ner_tags_map_to_three_labels(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "\ufeffنریندر\tB-NEP\nمودی\tI-NEP\nنے\tO\nدہلی\t-NEL\n2024\tB-NETI\nمیں\t-\n"
        "\nوزارت\tB-NEO\nخزانہ\tI-NEO\nکا\tO\nتاج\tB-NEAR\n",
    )
    assert read_conll(path, "il_ner") == [
        (["نریندر", "مودی", "نے", "دہلی", "2024", "میں"], ["B-PERSON", "I-PERSON", "O", "B-LOC", "O", "O"]),
        (["وزارت", "خزانہ", "کا", "تاج"], ["B-ORG", "I-ORG", "O", "O"]),
    ]


def test_bare_tags_become_bio_runs(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "گرو\tLOCATION\nشکھر\tLOCATION\nکی\tO\nبی\tORGANIZATION\nسی\tORGANIZATION\n"
        "صدر\tDESIGNATION\nبش\tPERSON\nپیر\tDATE\n",
    )
    [(_, tags)] = read_conll(path, "conll2")
    assert tags == ["B-LOC", "I-LOC", "O", "B-ORG", "I-ORG", "O", "B-PERSON", "O"]


def test_hiner_keeps_person_location_organisation_only(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "भारत\tB-LOCATION\nसरकार\tB-ORGANIZATION\n2009\tB-TIMEX\nमें\tO\nहिंदी\tB-LANGUAGE\n"
    )
    [(_, tags)] = read_conll(path, "hiner")
    assert tags == ["B-LOC", "B-ORG", "O", "O", "O"]


def test_unknown_format_and_missing_file_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown NER format"):
        read_conll(_write(tmp_path, "a\tO\n"), "brat")
    with pytest.raises(InputError, match="missing"):
        read_conll(tmp_path / "nope.conll", "il_ner")


def test_spans_follow_conlleval() -> None:
    # A stray I- opens an entity; a change of type closes one; B-B is two entities.
    tags = ["I-LOC", "I-LOC", "O", "B-PERSON", "I-ORG", "B-LOC", "B-LOC", "I-LOC"]
    assert spans(tags) == {(0, 2, "LOC"), (3, 4, "PERSON"), (4, 5, "ORG"), (5, 6, "LOC"), (6, 8, "LOC")}


def test_score_counts_exact_spans_only() -> None:
    gold = [["B-PERSON", "I-PERSON", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PERSON", "O", "O", "B-LOC"], ["B-ORG", "B-LOC"]]
    s = score(gold, pred)
    assert s["PERSON"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "pred": 1}
    assert s["LOC"]["precision"] == 0.5 and s["LOC"]["recall"] == 1.0
    assert s["ORG"]["f1"] == 1.0
    assert s["overall"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "gold": 3, "pred": 4}


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
