"""The outlet registry (``data/outlets.tsv``): who publishes on a domain, in which country and
language, and what kind of outlet it is (state media, public broadcaster, private, wire agency).

>>> outlet_for("https://urdu.geo.tv/latest/1").name
'Geo News Urdu'
>>> outlet_for("https://www.bbc.com/urdu/articles/x").name
'BBC Urdu'
>>> outlet_for("https://example.org/a").kind
'unknown'

A host is looked up as written (without ``www.``), then by its parent domains, so a subdomain
without its own row belongs to its parent's (``m.dawn.com`` is Dawn). A path edition
(``bbc.com/urdu``) is matched before its domain. A domain not in the registry gets a record of
its own: the host is the name, the kind is ``unknown``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

OUTLET_COLUMNS = ("domain", "name", "name_ur", "name_hi", "country", "lang", "kind", "owner", "agency")
#: Outlet kinds and how they read in full.
OUTLET_KINDS = {
    "state": "state media",
    "public": "public broadcaster",
    "private": "private",
    "wire": "wire agency",
    "unknown": "unknown",
}
UNKNOWN_KIND = "unknown"
# Host prefixes that name a rendering of the same site, not another edition.
_RENDERING_PREFIXES = ("www.", "m.", "amp.", "mobile.")


@dataclass(frozen=True)
class Outlet:
    """An outlet: its registry row, or a record made from an unknown domain (``known`` False)."""

    domain: str
    name: str
    name_ur: str = ""
    name_hi: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    lang: str = ""  # ISO 639-1 of the edition, "mul" for several
    kind: str = UNKNOWN_KIND  # state | public | private | wire | unknown
    owner: str = ""
    agency: str = ""  # the agencies.json entry of a news agency
    known: bool = True


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, Outlet]:
    """Every registry row by its domain (host, or ``host/segment`` for a path edition)."""
    text = resources.files("khabar.kb").joinpath("data/outlets.tsv").read_text("utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if not ln.startswith("#")), delimiter="\t")
    table: dict[str, Outlet] = {}
    for row in rows:
        v = [(row.get(c) or "").strip() for c in OUTLET_COLUMNS]
        table[v[0]] = Outlet(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
    return table


def host_of(url_or_host: str) -> str:
    """The lower-case host of a URL (or of a bare host name), without ``www.``/``m.``/``amp.``."""
    text = url_or_host.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        host = (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:
        return ""
    for prefix in _RENDERING_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return host


def _first_segment(url: str) -> str:
    if "://" not in url:
        return ""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    return next((part for part in path.split("/") if part), "").lower()


def lookup(url_or_host: str) -> Outlet | None:
    """The registry row for a URL or host, or None when neither it nor a parent domain is listed."""
    table = outlet_table()
    host = host_of(url_or_host)
    if not host:
        return None
    segment = _first_segment(url_or_host)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        domain = ".".join(parts[i:])
        if segment and (edition := table.get(f"{domain}/{segment}")):
            return edition
        if found := table.get(domain):
            return found
    return None


def outlet_for(url_or_host: str | None) -> Outlet | None:
    """The outlet of a URL or host: its registry row, else a record made from the host
    (name = host, kind ``unknown``); None when there is no host (a local file)."""
    if not url_or_host:
        return None
    found = lookup(url_or_host)
    if found is not None:
        return found
    host = host_of(url_or_host)
    return Outlet(domain=host, name=host, known=False) if host else None
