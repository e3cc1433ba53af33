"""Highlighted HTML from spans: escaping, nesting, crossing spans, no nested links."""

from __future__ import annotations

from khabar.api.highlight import Span, bracket_snippet, nest, render, text_dir


def test_every_piece_is_escaped() -> None:
    text = "<b>x</b> & <i>"
    html = render(text, [Span(0, 8, "ent", {"class": "ent", "title": '"><script>'}, "/entity/a")])
    assert html == (
        '<mark class="ent" title="&#34;&gt;&lt;script&gt;">'
        '<a href="/entity/a">&lt;b&gt;x&lt;/b&gt;</a></mark>'
        " &amp; &lt;i&gt;"
    )


def test_nested_spans_nest_and_crossing_spans_are_dropped() -> None:
    text = "abcdefghij"
    outer = Span(0, 6, "claim", {"class": "claim"})
    inner = Span(1, 3, "ent", {"class": "ent"})
    crossing = Span(4, 8, "time", {"class": "time"})
    tree = nest([crossing, inner, outer])
    assert [(s.start, s.end) for s in tree] == [(0, 6)]
    assert [(s.start, s.end) for s in tree[0].children] == [(1, 3)]
    assert render(text, [crossing, inner, outer]) == (
        '<mark class="claim">a<mark class="ent">bc</mark>def</mark>ghij'
    )


def test_same_extent_orders_by_kind_and_links_do_not_nest() -> None:
    text = "Shoigu"
    event = Span(0, 6, "event", {"class": "event"}, "/event/e1")
    ent = Span(0, 6, "ent", {"class": "ent"}, "/entity/p")
    html = render(text, [ent, event])
    assert html == '<mark class="event"><a href="/event/e1"><mark class="ent">Shoigu</mark></a></mark>'


def test_empty_and_out_of_range() -> None:
    assert render("", []) == ""
    assert render("abc", []) == "abc"


def test_snippet_brackets_become_marks() -> None:
    assert bracket_snippet("a [<b>] c") == 'a <mark class="hit-term">&lt;b&gt;</mark> c'
    assert bracket_snippet("open [end") == 'open <mark class="hit-term">end</mark>'


def test_direction() -> None:
    assert text_dir("ur") == "rtl" and text_dir("hi") == "ltr" and text_dir("ur-Latn") == "ltr"
    assert text_dir("und", "Arab") == "rtl"
