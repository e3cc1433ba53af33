"""One spelling per article URL: tracking parameters, fragments, ports, case, index pages, AMP.

courlan does the general normalisation (scheme and host case, default ports, tracking parameters,
sorted query); what is added here is news-specific: AMP variants of an article collapse onto the
article, ``index.html`` onto its folder, and fragments go.
"""

from __future__ import annotations

import re
from contextlib import suppress
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

#: Query parameters that only mark an AMP or tracking variant of the same page (besides
#: courlan's tracker list: utm_*, fbclid, gclid, mc_cid, …).
DROP_PARAMS = frozenset(
    {"amp", "outputtype", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "__twitter_impression"}
)
_INDEX_PAGE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)$", re.IGNORECASE)
_AMP_HTML = re.compile(r"\.amp\.html?$", re.IGNORECASE)
#: Rounds of normalisation at most; each spelling settles in one or two.
_MAX_ROUNDS = 4


def canonical_url(url: str, base: str | None = None) -> str:
    """The canonical spelling of ``url`` (made absolute against ``base`` first).

    ``canonical_url(canonical_url(u)) == canonical_url(u)``. URLs that are not http(s) are
    returned joined and stripped, unchanged otherwise.
    """
    current = urljoin(base, url.strip()) if base else url.strip()
    for _ in range(_MAX_ROUNDS):
        following = _one_round(current)
        if following == current:
            break
        current = following
    return current


def _one_round(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    with suppress(ValueError):  # a bad port or host that courlan refuses: keep the URL as written
        url = normalize_url(url, strict=False, trailing_slash=True)
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if host.startswith("amp.") and host.count(".") >= 2:
        host = host.removeprefix("amp.")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in DROP_PARAMS]
    )
    return urlunsplit((parts.scheme.lower(), host, _article_path(parts.path), query, ""))


def _article_path(path: str) -> str:
    if path.startswith("/amp/"):
        path = path.removeprefix("/amp")
    if path.endswith("/amp/"):
        path = path.removesuffix("amp/")
    elif path.endswith("/amp"):
        path = path.removesuffix("/amp") or "/"
    path = _AMP_HTML.sub(".html", path)
    path = _INDEX_PAGE.sub("/", path)
    return path or "/"
