"""The romanized model's decoded copy in the cache dir: the same data, redone when the file changes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from khabar.models import romanized


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(where))
    return where


def _model(path: Path, weights: dict[str, int]) -> None:
    path.write_bytes(gzip.compress(json.dumps({"weights": weights, "scale": 1.0}).encode()))


def test_decoded_once_and_redone_when_the_file_changes(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "m.json.gz"
    _model(path, {"ab": 3})
    assert romanized._model_data(path)["weights"] == {"ab": 3}
    (kept,) = cache_dir.glob(f"{romanized.CACHE_PREFIX}*")
    assert romanized._model_data(path)["weights"] == {"ab": 3}  # from the kept copy
    _model(path, {"ab": 4})
    assert romanized._model_data(path)["weights"] == {"ab": 4}
    (again,) = cache_dir.glob(f"{romanized.CACHE_PREFIX}*")
    assert again != kept


def test_a_damaged_copy_is_decoded_again(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "m.json.gz"
    _model(path, {"x": 1})
    romanized._model_data(path)
    (kept,) = cache_dir.glob(f"{romanized.CACHE_PREFIX}*")
    kept.write_bytes(b"\x00garbage")
    assert romanized._model_data(path)["weights"] == {"x": 1}


def test_the_shipped_model_reads_the_same_through_the_cache(cache_dir: Path) -> None:
    with gzip.open(romanized.DEFAULT_MODEL, "rt", encoding="utf-8") as fh:
        plain = json.load(fh)
    assert romanized._model_data(romanized.DEFAULT_MODEL) == plain
    assert romanized._model_data(romanized.DEFAULT_MODEL) == plain
