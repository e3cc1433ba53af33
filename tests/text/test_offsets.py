"""OffsetMap: construction, lookup, spans, composition and serialisation."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from khabar.text.offsets import OffsetMap


@st.composite
def monotonic_index(draw: st.DrawFn, max_len: int = 40) -> tuple[list[int], int]:
    """One source position per derived character, non-decreasing and inside the source."""
    src_len = draw(st.integers(1, max_len))
    steps = draw(st.lists(st.integers(0, 3), max_size=max_len))
    index, pos = [], 0
    for step in steps:
        pos += step
        if pos >= src_len:
            break
        index.append(pos)
    return index, src_len


@st.composite
def chained_indices(draw: st.DrawFn) -> tuple[list[int], int, list[int], int]:
    """Two per-character indexes A→B and B→C where B's length matches."""
    inner, c_len = draw(monotonic_index())
    b_len = len(inner)
    if b_len == 0:
        return [], 0, [], c_len
    steps = draw(st.lists(st.integers(0, 2), max_size=40))
    outer, pos = [], 0
    for step in steps:
        pos += step
        if pos >= b_len:
            break
        outer.append(pos)
    return outer, b_len, inner, c_len


def test_identity_maps_every_position_to_itself() -> None:
    m = OffsetMap.identity(5)
    assert [m(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert m(5) == 5
    assert m.span(1, 3) == (1, 3)
    assert OffsetMap.identity(0).to_list() == [[0, 0]]


def test_from_index_builds_runs_only_where_the_step_breaks() -> None:
    m = OffsetMap.from_index([0, 1, 2, 5, 6, 6, 9], 10)
    assert m.dst_starts == [0, 3, 5, 6]
    assert m.src_starts == [0, 5, 6, 9]
    assert [m(i) for i in range(7)] == [0, 1, 2, 5, 6, 6, 9]
    assert (m.dst_len, m.src_len) == (7, 10)


def test_from_pieces_merges_contiguous_pieces_and_skips_empty_ones() -> None:
    m = OffsetMap.from_pieces([(0, 0, 2), (2, 2, 1), (3, 5, 0), (3, 6, 2)], 8)
    assert m.dst_starts == [0, 3]
    assert m.src_starts == [0, 6]
    assert m.dst_len == 5


def test_span_maps_a_deletion_gap_out_of_the_span() -> None:
    # "کـم" -> "کم": the tatweel at 1 was dropped.
    m = OffsetMap.from_index([0, 2], 3)
    assert m.span(0, 2) == (0, 3)
    assert m.span(1, 2) == (2, 3)
    assert m.span(0, 1) == (0, 1)
    assert m.span(1, 1) == (2, 2)
    assert m.span(2, 2) == (3, 3)


def test_span_past_the_end_is_clamped_to_the_source() -> None:
    m = OffsetMap.from_index([0, 2], 3)
    assert m.span(0, 10) == (0, 3)
    assert m.span(5, 9) == (3, 3)


@given(monotonic_index())
def test_lookup_agrees_with_the_index_it_was_built_from(case: tuple[list[int], int]) -> None:
    index, src_len = case
    m = OffsetMap.from_index(index, src_len)
    assert [m(i) for i in range(len(index))] == index
    assert m(len(index)) == (src_len if index else 0)


@given(monotonic_index(), st.data())
def test_span_covers_first_and_last_character(case: tuple[list[int], int], data: st.DataObject) -> None:
    index, src_len = case
    m = OffsetMap.from_index(index, src_len)
    start = data.draw(st.integers(0, len(index)))
    end = data.draw(st.integers(start, len(index)))
    s, e = m.span(start, end)
    assert 0 <= s <= e <= src_len
    if end > start:
        assert (s, e) == (index[start], index[end - 1] + 1)


@given(chained_indices())
def test_compose_matches_brute_force_composition(case: tuple[list[int], int, list[int], int]) -> None:
    outer, b_len, inner, c_len = case
    a_to_b = OffsetMap.from_index(outer, b_len)
    b_to_c = OffsetMap.from_index(inner, c_len)
    a_to_c = a_to_b.compose(b_to_c)
    assert [a_to_c(i) for i in range(len(outer))] == [inner[b] for b in outer]
    assert (a_to_c.dst_len, a_to_c.src_len) == (len(outer), c_len)
    assert a_to_c == OffsetMap.from_index([inner[b] for b in outer], c_len)


@given(monotonic_index())
def test_compose_with_identity_changes_nothing(case: tuple[list[int], int]) -> None:
    index, src_len = case
    m = OffsetMap.from_index(index, src_len)
    assert m.compose(OffsetMap.identity(src_len)) == m
    assert OffsetMap.identity(len(index)).compose(m) == m


@given(monotonic_index())
def test_to_list_round_trips_through_json(case: tuple[list[int], int]) -> None:
    index, src_len = case
    m = OffsetMap.from_index(index, src_len)
    back = OffsetMap.from_list(json.loads(json.dumps(m.to_list())))
    assert back == m
    assert [back(i) for i in range(len(index))] == index


def test_from_list_of_nothing_is_the_empty_map() -> None:
    assert OffsetMap.from_list([]) == OffsetMap()


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=40))
def test_map_sorted_equals_mapping_each_position(positions: list[int]) -> None:
    m = OffsetMap.from_pieces([(0, 3, 5), (5, 10, 4), (9, 20, 30)], 60)
    ordered = sorted(positions)
    assert m.map_sorted(ordered) == [m(p) for p in ordered]
    assert OffsetMap().map_sorted([0, 1]) == [0, 0]
