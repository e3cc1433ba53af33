"""Implausible dates are refused where parsed; date arithmetic never raises; a linker failure on one
document is recorded against it and the rest of the batch is linked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.config import Config
from khabar.dates import first_ordinal, implausible_year, shift_month
from khabar.document import Document
from khabar.jobs import ingest, relink
from khabar.registry import LINKERS, linker
from khabar.store.sqlite import SQLiteStore
from tests.conftest import khabar

# A page whose only stated publication date is the placeholder "0001-01-01" (as a CMS writes
# for "no date"): it used to anchor "Monday afternoon" in year 1 and crash the stories linker.
YEAR_ONE_PAGE = """<!DOCTYPE html><html><head><title>Council votes on the new bridge</title>
<meta property="article:published_time" content="0001-01-01T00:00:00Z">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script>
</head><body><article><h1>Council votes on the new bridge</h1>
<p>The city council voted on Monday afternoon to fund the new bridge over the river, after a
debate that lasted most of the day and drew a crowd of residents to the chamber.</p>
<p>Officials said construction would start in the coming weeks and last about two years, with
the main span opening to traffic before the older crossing is closed for repairs.</p>
</article></body></html>"""


@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=-100_000, max_value=100_000),
)
def test_shift_month_never_raises(year: int, month: int, day: int, days: int) -> None:
    value = f"{year:04d}-{month:02d}-{day:02d}"
    moved = shift_month(value, days)
    assert moved is None or len(moved) == 7
    first_ordinal(value[:7])


def test_shift_month_at_the_ends_of_the_calendar() -> None:
    assert shift_month("0001-01-03", -14) is None
    assert shift_month("9999-12-30", 14) is None
    assert shift_month("0001-01-20", -14) == "0001-01"
    assert first_ordinal("0000-05") is None


def test_implausible_years() -> None:
    assert (
        implausible_year("0001-01-01T00:00:00+00:00") == "year 0001 is before 1900: not a plausible news date"
    )
    assert implausible_year("9999-12-31") is not None
    assert implausible_year("2024-09-13") is None
    assert implausible_year("XXXX-09-13") is None


def _config(tmp_path: Path, links: tuple[str, ...] = ("events", "duplicates", "stories")) -> Config:
    return Config(db=tmp_path / "k.db", links=links)


def test_a_year_one_page_is_linked_and_its_date_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bridge.html").write_text(YEAR_ONE_PAGE, encoding="utf-8")
    (tmp_path / "in" / "other.html").write_text(YEAR_ONE_PAGE.replace("bridge", "tunnel"), encoding="utf-8")
    with SQLiteStore(tmp_path / "k.db") as store:
        report = ingest([str(tmp_path / "in")], store, _config(tmp_path))
        docs = list(store.documents())
        failures = store.link_failures.list()
    assert report.stored == 2 and report.rejected == 0
    assert failures == []
    for doc in docs:
        assert doc.published is None or doc.published.value[:4] >= "1900"
        assert all(t.anchor[:4] != "0001" for t in doc.times)
        refused = [c for c in doc.meta["date_candidates"] if c.get("refused")]
        assert refused and all("0001" in c["refused"] for c in refused)
    assert "stories" in report.links


@pytest.fixture
def _failing_linker() -> Iterator[None]:
    @linker("t_poison")
    def poison(store: SQLiteStore, docs: list[Document]) -> dict[str, int]:
        if any("poison" in d.text for d in docs):
            raise ValueError("ordinal must be >= 1")
        return {"linked": len(docs)}

    yield
    LINKERS.pop("t_poison", None)


@pytest.mark.usefixtures("_failing_linker")
def test_a_linker_failure_is_recorded_against_its_document(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name, word in (("a", "bread"), ("b", "poison"), ("c", "water")):
        (tmp_path / "in" / f"{name}.txt").write_text(
            f"The market in Peshawar sold {word} on Monday, traders said after the long holiday.",
            encoding="utf-8",
        )
    with SQLiteStore(tmp_path / "k.db") as store:
        report = ingest([str(tmp_path / "in")], store, _config(tmp_path, ("t_poison", "events")))
        (failure,) = store.link_failures.list()
        poisoned = next(d.id for d in store.documents() if "poison" in d.text)
    assert report.links["t_poison"] == {"failed": 1, "linked": 2}
    assert "events" in report.links  # the next linker ran on the whole batch
    assert (failure.doc_id, failure.linker) == (poisoned, "t_poison")
    assert failure.error == "ValueError: ordinal must be >= 1"
    code, output = khabar("link-failures", "--db", str(tmp_path / "k.db"))
    assert code == 0 and poisoned in output and "ordinal must be >= 1" in output


@pytest.mark.usefixtures("_failing_linker")
def test_a_document_linked_later_has_its_failure_cleared(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The poison market in Peshawar opened on Monday, traders said.", encoding="utf-8"
    )
    with SQLiteStore(tmp_path / "k.db") as store:
        ingest([str(tmp_path / "a.txt")], store, _config(tmp_path, ("t_poison",)))
        assert store.link_failures.count() == 1
        LINKERS["t_poison"] = lambda store, docs: {"linked": len(docs)}

        relink(store, _config(tmp_path, ("t_poison",)))
        assert store.link_failures.count() == 0
    code, output = khabar("link-failures", "--db", str(tmp_path / "k.db"))
    assert code == 0 and "no linker failures" in output
