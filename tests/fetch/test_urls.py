"""canonical_url: one spelling per article."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.fetch.urls import canonical_url

ARTICLE = "https://news.example/world/2025/03/13/transit-deal/"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        "https://news.example/world/2025/03/13/transit-deal/?utm_source=tw&utm_medium=social",
        "https://news.example/world/2025/03/13/transit-deal/?fbclid=IwAR0abc&gclid=xyz&mc_cid=1&mc_eid=2",
        "https://news.example/world/2025/03/13/transit-deal/#comments",
        "HTTPS://NEWS.Example:443/world/2025/03/13/transit-deal/",
        "https://news.example/world/2025/03/13/transit-deal/amp/",
        "https://news.example/amp/world/2025/03/13/transit-deal/",
        "https://news.example/world/2025/03/13/transit-deal/?amp=1",
        "https://amp.news.example/world/2025/03/13/transit-deal/",
        "https://news.example/world/2025/03/13/transit-deal/index.html",
    ],
)
def test_variants_collapse_onto_the_article(variant: str) -> None:
    assert canonical_url(variant) == ARTICLE


def test_other_rules() -> None:
    assert canonical_url("https://news.example/a/story.amp.html") == "https://news.example/a/story.html"
    assert canonical_url("https://news.example/a/story/amp") == "https://news.example/a/story"
    assert canonical_url("http://news.example:80") == "http://news.example/"
    assert (
        canonical_url("../b/story-one?id=7", "https://news.example/a/x/")
        == "https://news.example/a/b/story-one?id=7"
    )
    # Meaningful parameters stay, sorted.
    assert canonical_url("https://news.example/article?z=2&id=5") == "https://news.example/article?id=5&z=2"
    assert canonical_url(" mailto:desk@news.example ") == "mailto:desk@news.example"


_SEGMENT = st.text(alphabet="abcXYZ019-_.~%", min_size=0, max_size=8)
_URLS = st.builds(
    lambda scheme, host, port, path, query, frag, amp: (
        f"{scheme}://{amp}{host}{port}/{'/'.join(path)}{query}{frag}"
    ),
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["news.example", "WWW.News.Example", "amp.site.example", "127.0.0.1"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.lists(st.one_of(_SEGMENT, st.sampled_from(["amp", "index.html", "x.amp.html", ""])), max_size=5),
    st.sampled_from(["", "?utm_source=a", "?amp=1&id=3", "?b=2&a=1&fbclid=z", "?q=a%20b", "?=x&&"]),
    st.sampled_from(["", "#top", "#"]),
    st.sampled_from(["", "amp."]),
)


@settings(max_examples=300, deadline=None)
@given(_URLS)
def test_canonical_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_" not in once and "fbclid" not in once
