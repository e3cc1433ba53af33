"""The KB's place coordinates: every row names a KB place, lies on the globe and says where it
comes from; the seeds' places are there; the builder reproduces the shipped file."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.kb import load_kb
from khabar.kb.loader import _data
from khabar.kb.places import coordinates, parse_places, places


def test_every_row_is_a_kb_place_with_a_source() -> None:
    kb = load_kb()
    rows = places()
    assert len(rows) > 300
    for ref, point in rows.items():
        entity = kb.get(ref)
        assert entity is not None and entity.type == "LOC", ref
        assert point.source.split(":")[0] in ("geonames", "natural-earth-110m", "hand"), (ref, point.source)


def test_the_seed_places_and_capitals_are_placed() -> None:
    pyongyang, vostochny = coordinates("loc:pyongyang"), coordinates("loc:vostochny-cosmodrome")
    assert pyongyang is not None and abs(pyongyang.lat - 39.03) < 0.1 and abs(pyongyang.lon - 125.75) < 0.1
    assert vostochny is not None and vostochny.source.startswith("hand:")
    assert 51 < vostochny.lat < 53 and 127 < vostochny.lon < 130
    russia = coordinates("loc:russia")
    assert russia is not None and 50 < russia.lat < 70 and 40 < russia.lon < 140
    capitals = [e.id for e in load_kb().entities() if e.kind == "capital"]
    assert sum(coordinates(c) is not None for c in capitals) >= 0.95 * len(capitals)
    assert coordinates(None) is None and coordinates("per:vladimir-putin") is None


def test_out_of_range_coordinates_are_refused() -> None:
    with pytest.raises(ValueError, match="out of range"):
        parse_places("id\tlat\tlon\tsource\nloc:x\t91\t0\thand: nowhere\n")


def test_the_builder_reproduces_the_shipped_file(tmp_path: Path) -> None:
    from khabar.kb.places_build import write_places

    out = tmp_path / "places.tsv"
    write_places(out)
    assert out.read_text("utf-8") == _data("places.tsv")
