"""The Wikidata importer on a small dump in the real dump format (one entity per line)."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.kb import KnowledgeBase
from khabar.kb.loader import COLUMNS, Entity, entity_from_row, read_tsv
from khabar.kb.wikidata import entity_row, extend_kb, import_dump, read_dump
from tests.conftest import khabar


def _claim(prop_value: str) -> dict:
    return {
        "mainsnak": {
            "snaktype": "value",
            "datavalue": {"value": {"entity-type": "item", "id": prop_value}, "type": "wikibase-entityid"},
        }
    }


def _item(
    qid: str, label: str, p31: str, labels: dict[str, str], aliases: dict[str, list[str]], **claims: str
) -> dict:
    langs = {"en": label, **labels}
    return {
        "id": qid,
        "type": "item",
        "labels": {k: {"language": k, "value": v} for k, v in langs.items()},
        "aliases": {k: [{"language": k, "value": v} for v in vs] for k, vs in aliases.items()},
        "claims": {"P31": [_claim(p31)], **{p: [_claim(v)] for p, v in claims.items()}},
    }


ITEMS = [
    _item("Q159", "Russia", "Q3624078", {"ur": "روس", "hi": "रूस"}, {"ur": ["روسی فیڈریشن"]}),
    _item(
        "Q999001",
        "Zubair Qasmi",
        "Q5",
        {"ur": "زبیر قاسمی", "hi": "ज़ुबैर क़ासमी"},
        {"en": ["Z. Qasmi"]},
        P27="Q159",
    ),
    _item("Q999002", "Some Painting", "Q3305213", {}, {}),  # not a class the KB keeps
]


def _dump(path: Path, opener: type | None = None) -> Path:
    lines = "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n]\n"
    if path.suffix == ".bz2":
        path.write_bytes(bz2.compress(lines.encode()))
    elif path.suffix == ".gz":
        path.write_bytes(gzip.compress(lines.encode()))
    else:
        path.write_text(lines, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["dump.json.bz2", "dump.json.gz", "dump.json"])
def test_dump_items_become_entities(tmp_path: Path, name: str) -> None:
    entities = list(read_dump(_dump(tmp_path / name)))
    assert [e.id for e in entities] == ["wd:Q159", "wd:Q999001"]
    person = entities[1]
    assert person.type == "PERSON" and person.country == "wd:Q159" and person.qid == "Q999001"
    assert person.aliases == {"Latn": ["Z. Qasmi"], "Arab": ["زبیر قاسمی"], "Deva": ["ज़ुबैर क़ासमी"]}


def test_extend_merges_known_qids_and_links_countries(tmp_path: Path) -> None:
    kb = KnowledgeBase([Entity("loc:russia", "LOC", "Russia", kind="country", qid="Q159")])
    assert extend_kb(kb, _dump(tmp_path / "dump.json.bz2")) == 2
    assert len(kb) == 2
    russia = kb.get("loc:russia")
    assert russia is not None and "روسی فیڈریشن" in russia.aliases["Arab"]
    person = kb.get("wd:Q999001")
    assert person is not None and person.country == "loc:russia"
    assert [e.id for e in kb.lookup("ज़ुबैर क़ासमी")] == ["wd:Q999001"]


def test_broken_dumps_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        list(read_dump(tmp_path / "missing.json.bz2"))
    bad = tmp_path / "bad.json"
    bad.write_text("[\n{not json},\n]\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        list(read_dump(bad))


def test_import_writes_kb_rows_that_read_back(tmp_path: Path) -> None:
    kb = KnowledgeBase([Entity("loc:russia", "LOC", "Russia", kind="country", qid="Q159")])
    out = tmp_path / "wikidata.tsv"
    assert import_dump(_dump(tmp_path / "dump.json.gz"), out, kb) == 2
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported by khabar kb import-wikidata from dump.json.gz")
    back = [entity_from_row(row) for row in read_tsv(text, COLUMNS, out.name)]
    assert [e.id for e in back] == ["loc:russia", "wd:Q999001"]  # a known QID keeps the KB's id
    assert back == list(read_dump(tmp_path / "dump.json.gz", {"Q159": "loc:russia"}))


def test_rows_leave_out_names_that_would_break_a_cell() -> None:
    entity = Entity("wd:Q1", "ORG", "A\tB", aliases={"Latn": ["x|y", "Z"], "Arab": ["ع"]})
    row = entity_row(entity)
    assert (row["label"], row["en"], row["ur"], row["hi"]) == ("A B", "Z", "ع", "")


def test_import_command(tmp_path: Path) -> None:
    out = tmp_path / "wikidata.tsv"
    code, output = khabar("kb", "import-wikidata", str(_dump(tmp_path / "dump.json.bz2")), "--out", str(out))
    assert code == 0 and "wrote 2 entities" in output
    ids = [row["id"] for row in read_tsv(out.read_text(encoding="utf-8"), COLUMNS, out.name)]
    assert ids == ["loc:russia", "wd:Q999001"]  # the shipped KB carries Russia's QID
    code, output = khabar("kb", "import-wikidata", str(tmp_path / "missing.json.bz2"), "--out", str(out))
    assert code == 2 and "not found" in output
