"""The command line on the real seeds and on bad input, as a user would run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import EXIT_USAGE, app
from khabar.document import Document
from khabar.store.sqlite import SQLiteStore
from tests.conftest import SEED_DEBRIS, SHARED, khabar

SEEDS = SHARED / "seeds"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    code, output = khabar("ingest", str(SEEDS), "--db", str(db))
    assert code == 0, output
    assert "5 stored" in output
    return db


def _by_seed(db: Path) -> dict[str, Document]:
    with SQLiteStore(db) as store:
        return {Path(d.source.uri).name[:3]: d for d in store.documents()}


def test_seeds_languages_segments_and_debris(seeds_db: Path) -> None:
    docs = _by_seed(seeds_db)
    assert [docs[k].lang for k in ("000", "001", "002", "003", "004")] == ["ur", "hi", "ur", "ur", "ur"]
    caption = [
        s for s in docs["003"].segments if docs["003"].text[s.start : s.end].startswith("Kim Jong Un and")
    ]
    assert len(caption) == 1 and caption[0].lang == "en" and caption[0].kind == "caption"
    for doc in docs.values():
        body = doc.body_text()
        for junk in SEED_DEBRIS:
            assert junk not in body, (doc.source.uri, junk)
    assert any(r.text.startswith("تبصرہ (0)") for r in docs["000"].removed)


def test_seeds_cited_sources_and_dates(seeds_db: Path) -> None:
    docs = _by_seed(seeds_db)
    url = "https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state-of-russia-286239.html"
    assert docs["000"].provenance.cited_urls == [url]
    assert docs["001"].provenance.cited_urls == [url]
    assert docs["002"].provenance.cited_urls[0].startswith("https://dantri.com.vn/")
    assert "KCNA" in docs["000"].provenance.agencies
    pub = docs["003"].published
    assert pub is not None and pub.value.startswith("2023-09-14") and pub.source == "updated_line"


def test_search_in_every_script(seeds_db: Path) -> None:
    def found(query: str) -> set[str]:
        code, output = khabar("search", query, "--db", str(seeds_db), "--limit", "50")
        with SQLiteStore(seeds_db) as store:
            ids = {h.id: Path(h.uri).name[:3] for h in store.search(query, limit=50)}
        assert (code == 0) == bool(ids), output
        assert all(i in output for i in ids)
        return set(ids.values())

    assert found("شوئیگو") == {"000", "004"}
    assert found("شوئيگو") == {"000", "004"}
    assert found("सुरक्षा") == {"001"}
    assert found("zzzzqqq") == set()


def test_show_stats_rejects_export(seeds_db: Path, tmp_path: Path) -> None:
    doc_id = _by_seed(seeds_db)["003"].id
    code, output = khabar("show", doc_id[:10], "--removed", "--db", str(seeds_db))
    assert code == 0 and "updated_line" in output and "cookie" in output
    code, output = khabar("stats", "--db", str(seeds_db))
    assert code == 0 and "documents: 5" in output and "ur 4" in output and "hi 1" in output
    code, output = khabar("rejects", "--db", str(seeds_db))
    assert code == 0 and "no rejected documents" in output
    out = tmp_path / "e.jsonl"
    code, _ = khabar("export", "--format", "jsonl", "--db", str(seeds_db), "-o", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and len(rows) == 5
    for key in (
        "id",
        "source",
        "lang",
        "script",
        "title",
        "published",
        "text",
        "segments",
        "provenance",
        "mentions",
        "times",
        "events",
        "claims",
        "duplicates",
        "story",
    ):
        assert key in rows[0]
    # the cross-document linkers' findings are part of the export
    by_seed = {Path(r["source"]["uri"]).name[:3]: r for r in rows}
    assert by_seed["001"]["provenance"]["translation_of"] == by_seed["000"]["id"]
    assert any(link["kind"] == "translation_of" for link in by_seed["000"]["duplicates"])
    assert by_seed["002"]["duplicates"] == []
    assert by_seed["000"]["story"] == by_seed["001"]["story"] != by_seed["002"]["story"]
    assert all(e["id"].startswith("ev-") for r in rows for e in r["events"])
    csv_out = tmp_path / "e.csv"
    code, _ = khabar("export", "--format", "csv", "--db", str(seeds_db), "-o", str(csv_out))
    assert code == 0 and len(csv_out.read_text(encoding="utf-8").splitlines()) >= 6


def test_bad_inputs_are_kept_as_rejects_and_rerun_adds_nothing(bad_inputs_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(bad_inputs_dir, folder)
    shutil.copy(SEEDS / "001_7479646e0f45031a.txt", folder / "good.txt")
    db = tmp_path / "bad.db"
    code, output = khabar("ingest", str(folder), "--db", str(db), "--max-reject-share", "1")
    assert code == 0, output
    with SQLiteStore(db) as store:
        first = store.stats()
        reasons = {Path(r.uri).name: r.reason for r in store.rejects()}
    assert first["documents"] >= 2  # the seed and the Latin-1 file
    assert set(reasons.values()) >= {"empty_file", "binary_content", "truncated_warc", "too_large"}
    code, output = khabar("rejects", "--db", str(db))
    assert code == 0 and "empty_file" in output and "too_large" in output
    code, output = khabar("ingest", str(folder), "--db", str(db), "--max-reject-share", "1")
    assert code == 0 and "0 stored" in output
    with SQLiteStore(db) as store:
        again = store.stats()
    assert (again["documents"], again["rejects"]) == (first["documents"], first["rejects"])
    code, _ = khabar("ingest", str(folder), "--db", str(tmp_path / "strict.db"))
    assert code == 3  # more than half rejected with the default threshold


def test_clear_errors(tmp_path: Path) -> None:
    code, output = khabar("ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db"))
    assert code == EXIT_USAGE and "no such file" in output
    code, output = khabar("search", "x", "--db", str(tmp_path / "never.db"))
    assert code == EXIT_USAGE and "no database" in output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 64)
    code, output = khabar("stats", "--db", str(junk))
    assert code == EXIT_USAGE and "not a Khabar database" in output
    code, output = khabar("export", "--format", "xml", "--db", str(junk))
    assert code == EXIT_USAGE and "unknown format" in output


def test_every_command_has_help_with_an_example() -> None:
    for command in ("ingest", "search", "show", "stats", "rejects", "export"):
        code, output = khabar(command, "--help")
        assert code == 0 and "Example:" in output, command
    code, output = khabar("eval", "langid", "--help")
    assert code == 0 and "Example:" in output


def test_demo_corpus_ingests_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, output = khabar("ingest", str(EXAMPLES), "--db", str(db))
    assert code == 0, output
    with SQLiteStore(db) as store:
        stats = store.stats()
    assert stats["documents"] >= 12
    assert {"ur", "hi", "en"} <= set(stats["languages"])
    assert {"txt", "html", "warc", "jsonl"} <= set(stats["kinds"])


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    text = (SEEDS / "002_62624821c93737bf.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "-", "--db", str(db)], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        [doc] = list(store.documents())
    assert doc.lang == "ur" and "بیلوسوف" in doc.text


def test_entity_search_pages_and_listing(seeds_db: Path) -> None:
    with SQLiteStore(seeds_db) as store:
        names = {h.id: Path(h.uri).name[:3] for h in store.search("Shoigu", entities=["per:sergei-shoigu"])}
    assert set(names.values()) == {"000", "001", "004"}
    code, output = khabar("search", "Shoigu", "--db", str(seeds_db))
    assert code == 0 and all(doc_id in output for doc_id in names)
    code, output = khabar("entities", "--type", "PERSON", "--db", str(seeds_db))
    assert code == 0 and "Sergei Shoigu" in output and "per:kim-jong-un" in output
    code, output = khabar("entity", "शोइगु", "--db", str(seeds_db))
    assert code == 0 and "in 3 documents" in output and "شوئیگو" in output and "Pyongyang" in output
    code, output = khabar("entity", "Nobody Atall", "--db", str(seeds_db))
    assert code == 1 and "no entity" in output


def test_show_json_is_the_document_with_what_the_linkers_found(seeds_db: Path, tmp_path: Path) -> None:
    # The linkers keep event ids, links and stories in their own tables; show --json composes
    # them as the export does.
    out = tmp_path / "e.jsonl"
    assert khabar("export", "--format", "jsonl", "--db", str(seeds_db), "-o", str(out))[0] == 0
    exported = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    doc_id = _by_seed(seeds_db)["000"].id
    code, output = khabar("show", doc_id, "--json", "--db", str(seeds_db))
    shown = json.loads(output)
    assert code == 0 and shown["story"] == exported[doc_id]["story"] is not None
    assert [e["id"] for e in shown["events"]] == [e["id"] for e in exported[doc_id]["events"]]
    assert shown["duplicates"] == exported[doc_id]["duplicates"] != []
