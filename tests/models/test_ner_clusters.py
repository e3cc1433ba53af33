"""NER word clusters: built from unlabelled text, written and read back, used as features."""

from __future__ import annotations

from pathlib import Path

from khabar.models.ner import clusters
from khabar.models.ner.features import Featurizer, NerNameList


def _corpus() -> list[list[str]]:
    cities = ["لاہور", "کراچی", "پشاور", "ملتان"]
    people = ["عمران", "نواز", "شہباز", "آصف"]
    verbs = ["گئے", "آئے", "رکے", "پہنچے"]
    out = []
    for i in range(400):
        city, person, verb = cities[i % 4], people[(i // 4) % 4], verbs[(i // 16) % 4]
        out.append(["وزیر", person, "کل", city, "میں", verb, "۔"])
        out.append(["جناب", person, "صاحب", "نے", city, "سے", "کہا", "۔"])
    return out


def test_words_used_alike_share_a_cluster(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clusters, "SIZES", (2, 4))
    monkeypatch.setattr(clusters, "DIMS", 4)
    got = clusters.build(_corpus())
    assert set(got) >= {"لاہور", "عمران", "کہا"}
    assert all(len(ids) == 2 for ids in got.values())
    coarse = {w: ids[0] for w, ids in got.items()}
    assert len({coarse[w] for w in ("لاہور", "کراچی", "پشاور", "ملتان")}) == 1
    assert len({coarse[w] for w in ("عمران", "نواز", "شہباز", "آصف")}) == 1
    assert coarse["لاہور"] != coarse["عمران"]
    path = tmp_path / "c.json.gz"
    clusters.write(got, path)
    first = path.read_bytes()
    clusters.write(got, path)
    assert path.read_bytes() == first  # deterministic file
    read = clusters.read(path)
    assert read["لاہور"] == f"c0_{got['لاہور'][0]} c1_{got['لاہور'][1]}"
    assert clusters.read(tmp_path / "none.json.gz") == {}


def test_cluster_features_reach_the_word_and_its_neighbours() -> None:
    feats = Featurizer(NerNameList({}, {}), {}, {"لاہور": "c0_1 c1_7"})
    rows = feats.sequence(["میں", "لاہور", "گیا"])
    assert {"c0_1", "c1_7"} <= set(rows[1])
    assert "+1c1_7" in rows[0] and "-1c0_1" in rows[2]
    assert "c?" in rows[0]  # a word without clusters says so
    plain = Featurizer(NerNameList({}, {}), {}).sequence(["میں", "لاہور"])
    assert not any(f.startswith("c") for row in plain for f in row)  # no clusters, no features


def test_kb_and_outlet_names_become_their_own_features() -> None:
    from khabar.models.ner.kbnames import kb_names

    ur = kb_names("ur")
    assert "P" in ur.words.get("پوتن", "") and "O" in ur.words.get("ڈان", "")  # KB person, outlet
    assert ur.names.get("ولادیمیر پوتن") == "P"
    feats = Featurizer(NerNameList({}, {}), {}, None, ur)
    rows = feats.sequence(["صدر", "ولادیمیر", "پوتن", "نے", "کہا"])
    assert "KGBP" in rows[1] and "KGIP" in rows[2] and "kP" in rows[2]
    assert not any(f.startswith("K") for f in rows[0])
    assert kb_names("hi").names.get("व्लादिमीर पुतिन") == "P"
