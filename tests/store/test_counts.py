"""The store's counters (migration 13) stay exactly what counting the rows gives, through
inserts, rejects, re-accepted rejects and deletes: stats() reads them, stats_recount() counts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.document import CitedSource, Document, Mention, RejectRecord, Source
from khabar.store.sqlite import SQLiteStore

ENTITIES = [
    ("loc:pakistan", "GPE"),
    ("per:x", "PERSON"),
    ("u:k", "ORG"),
    ("u:k", "PERSON"),
    ("role:pm", "ROLE"),
]
AGENCIES = ["APP", "PTI", "Reuters"]

_doc = st.fixed_dictionaries(
    {
        "n": st.integers(0, 30),
        "lang": st.sampled_from(["en", "ur", "hi"]),
        "kind": st.sampled_from(["txt", "html", "jsonl"]),
        "mentions": st.lists(st.tuples(st.integers(0, len(ENTITIES) - 1), st.integers(0, 2)), max_size=6),
        "cited": st.lists(st.sampled_from(AGENCIES), max_size=3),
        "reject": st.sampled_from([None, None, "empty_text", "too_large"]),
    }
)
_op = st.one_of(
    st.tuples(st.just("put"), _doc),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("unreject"), st.integers(0, 30)),
)


def _document(spec: dict[str, object]) -> Document:
    n = spec["n"]
    text = f"document {n} text with words"
    doc = Document(source=Source(uri=f"mem://{n}", kind=str(spec["kind"])), raw=text, text=text)
    doc.lang, doc.script, doc.title = str(spec["lang"]), "Latn", f"title {n}"
    for i, variant in spec["mentions"]:  # type: ignore[attr-defined]
        ref, label = ENTITIES[i]
        doc.mentions.append(Mention(0, 4, label, None, 0.9, f"{ref}|{label}|{variant}", ref))
    for agency in spec["cited"]:  # type: ignore[attr-defined]
        doc.provenance.cited.append(CitedSource("agency", agency, 0, 4, agency))
    if spec["reject"]:
        doc.rejects.append(RejectRecord("clean", str(spec["reject"])))
    return doc


def _entity_rows(store: SQLiteStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    kept = store.conn.execute(
        "SELECT ref, label, mentions, surface FROM entity_labels ORDER BY 1, 2"
    ).fetchall()
    counted = store.conn.execute(
        "SELECT ref, label, count(*), min(json_extract(data, '$.text')) FROM annotations"
        " WHERE kind = 'mentions' AND ref IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    return kept, counted


def _entity_counts_recount(store: SQLiteStore) -> list[tuple[object, ...]]:
    return store.conn.execute(
        "SELECT ref, label, count(DISTINCT doc_id), count(*), min(json_extract(data, '$.text'))"
        " FROM annotations WHERE kind = 'mentions' AND ref IS NOT NULL"
        " GROUP BY ref ORDER BY 3 DESC, 4 DESC, 1"
    ).fetchall()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_op, max_size=25))
def test_counters_equal_a_recount(tmp_path: Path, ops: list[tuple[str, object]]) -> None:
    db = tmp_path / "counts.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with SQLiteStore(db) as store:
        for op, arg in ops:
            if op == "put":
                store.put(_document(arg))  # type: ignore[arg-type]
            elif op == "delete":  # what a clean-up would do: the document and, by cascade, its rows
                with store.transaction():
                    store.conn.execute("DELETE FROM documents WHERE uri = ?", (f"mem://{arg}",))
            else:  # a reject whose reason is fixed since: deleted when the document is accepted
                with store.transaction():
                    store.conn.execute("DELETE FROM rejects WHERE uri = ?", (f"mem://{arg}",))
            kept, counted = _entity_rows(store)
            assert kept == counted
            assert store.stats() == store.stats_recount()
            assert store.entity_counts() == _entity_counts_recount(store)


def _counters_migration() -> int:
    """The index of the migration that made the counters (the schema version before them)."""
    from khabar.store.migrations import MIGRATIONS

    return next(i for i, script in enumerate(MIGRATIONS) if "TABLE IF NOT EXISTS counts" in script)


def test_counters_are_filled_for_a_store_made_before_them(tmp_path: Path) -> None:
    """The migration counts what an older store already holds."""

    db = tmp_path / "old.db"
    with SQLiteStore(db) as store:
        for n in range(5):
            spec = {
                "n": n,
                "lang": "en",
                "kind": "txt",
                "mentions": [(0, 0), (4, 1)],
                "cited": ["APP"],
                "reject": None,
            }
            store.put(_document(spec))
        store.put(_document({**spec, "n": 9, "reject": "empty_text"}))
        with store.transaction():
            store.conn.execute("DELETE FROM counts")
            store.conn.execute("DELETE FROM entity_labels")
            store.conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(_counters_migration()),)
            )
    with SQLiteStore(db) as store:
        assert store.stats() == store.stats_recount()
        assert store.stats()["documents"] == 5 and store.stats()["rejects"] == 1
        assert store.stats()["top_agencies"] == [("APP", 5)]
        assert [row[:3] for row in store.stats()["top_entities"]] == [("loc:pakistan", "GPE", 5)]
