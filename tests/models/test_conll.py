"""CoNLL NER files: tag-scheme readers onto PERSON/LOC/ORG BIO tags, and conlleval span scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.models.conll import read_conll, score, spans


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
