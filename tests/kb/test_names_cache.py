"""The KB's cached name tables: the same as computed, and computed again when an input changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.kb import KnowledgeBase, is_entity_id, load_kb, lookup_ids
from khabar.kb.loader import read_entities, read_titles
from khabar.kb.names_cache import (
    PREFIX,
    NameTables,
    build_shipped,
    cached_tables,
    digest,
    shipped_inputs,
)


class Builder:
    """A table builder that says how often it ran; its tables name the input's content."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> NameTables:
        self.calls += 1
        word = self.source.read_text("utf-8").strip()
        return NameTables(
            frozenset({f"per:{word}"}), {word: [f"per:{word}"]}, {word: [(word, f"per:{word}")]}
        )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "entities.tsv"
    path.write_text("shoigu\n", "utf-8")
    return path


def test_second_call_reads_the_file_instead_of_building(tmp_path: Path, source: Path) -> None:
    build, cache = Builder(source), tmp_path / "cache"
    first = cached_tables(build, [source], cache)
    again = cached_tables(build, [source], cache)
    assert build.calls == 1
    assert again == first
    assert [p.name for p in cache.iterdir()] == [f"{PREFIX}{digest([source])}.json"]


def test_a_changed_input_is_built_again_and_the_old_file_removed(tmp_path: Path, source: Path) -> None:
    build, cache = Builder(source), tmp_path / "cache"
    cached_tables(build, [source], cache)
    source.write_text("putin\n", "utf-8")
    tables = cached_tables(build, [source], cache)
    assert build.calls == 2
    assert tables.keys == {"putin": ["per:putin"]}
    assert len(list(cache.glob(f"{PREFIX}*.json"))) == 1


def test_a_damaged_file_is_built_again(tmp_path: Path, source: Path) -> None:
    build, cache = Builder(source), tmp_path / "cache"
    cached_tables(build, [source], cache)
    (target,) = cache.glob(f"{PREFIX}*.json")
    for junk in ("{not json", json.dumps({"format": 0}), json.dumps({"format": 1, "ids": 3})):
        target.write_text(junk, "utf-8")
        assert cached_tables(build, [source], cache).ids == {"per:shoigu"}
    assert build.calls == 4


def test_an_unwritable_cache_still_answers(tmp_path: Path, source: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")  # a file where the cache dir should be: mkdir fails
    build = Builder(source)
    assert cached_tables(build, [source], blocker / "cache").keys == {"shoigu": ["per:shoigu"]}


def test_the_digest_covers_the_kb_data_and_the_folding_code() -> None:
    names = {p.name for p in shipped_inputs()}
    assert {"entities.tsv", "agencies.json", "fold.py", "normalize.py", "translit.py", "loader.py"} <= names


def test_shipped_tables_round_trip_and_match_a_fresh_kb() -> None:
    tables = build_shipped()
    assert NameTables.from_json(json.loads(json.dumps(tables.to_json()))) == tables
    fresh = KnowledgeBase(read_entities(), read_titles())
    kb = load_kb()
    assert kb.keys() == fresh.keys()
    assert kb.names().by_key() == fresh.names().by_key()
    for name in ("Tashkent", "शोइगु", "پیوٹن", "Shoygu", "nobody-at-all"):
        assert lookup_ids(name) == [e.id for e in fresh.lookup(name)]
    assert is_entity_id("loc:tashkent") and not is_entity_id("Tashkent")
