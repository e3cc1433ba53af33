"""The outlet registry: every row complete and valid, one row per domain, lookups by host, parent
domain and path edition, and a record for a domain nobody listed."""

from __future__ import annotations

import re
from importlib import resources

import pycountry
import pytest

from khabar.kb.agencies import agency_table
from khabar.kb.outlets import OUTLET_COLUMNS, OUTLET_KINDS, host_of, lookup, outlet_for, outlet_table
from khabar.text.scripts import dominant_script

_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[a-z0-9-]+)?$")


def _rows() -> list[list[str]]:
    text = resources.files("khabar.kb").joinpath("data/outlets.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert lines[0].split("\t") == list(OUTLET_COLUMNS)
    return [ln.split("\t") for ln in lines[1:]]


def test_every_row_has_every_column() -> None:
    for row in _rows():
        assert len(row) == len(OUTLET_COLUMNS), row


def test_every_entry_has_domain_name_country_language_and_kind() -> None:
    table = outlet_table()
    assert len(table) >= 80
    for domain, o in table.items():
        assert _DOMAIN.match(domain), domain
        assert o.name and o.name.isascii(), domain
        assert pycountry.countries.get(alpha_2=o.country) is not None, (domain, o.country)
        assert o.lang == "mul" or pycountry.languages.get(alpha_2=o.lang) is not None, (domain, o.lang)
        assert o.kind in OUTLET_KINDS and o.kind != "unknown", (domain, o.kind)


def test_no_two_entries_claim_one_domain() -> None:
    domains = [row[0] for row in _rows()]
    assert len(domains) == len(set(domains))


def test_native_names_are_in_their_script_and_agencies_exist() -> None:
    agencies = agency_table()
    for domain, o in outlet_table().items():
        if o.name_ur:
            assert dominant_script(o.name_ur)[0] == "Arab", domain
        if o.name_hi:
            assert dominant_script(o.name_hi)[0] == "Deva", domain
        if o.agency:
            assert o.agency in agencies, (domain, o.agency)


@pytest.mark.parametrize(
    "domain",
    [
        # outlets the seeds name or cite
        "baoquocte.vn",
        "dantri.com.vn",
        "inquilab.com",
        "kcna.kp",
        "ria.ru",
        "tass.ru",
        "yna.co.kr",
        "reuters.com",
        "apnews.com",
        "ptinews.com",
        # Pakistan
        "dawn.com",
        "geo.tv",
        "express.pk",
        "tribune.com.pk",
        "jang.com.pk",
        "nawaiwaqt.com.pk",
        "arynews.tv",
        "dunyanews.tv",
        "thenews.com.pk",
        "app.com.pk",
        "ptv.com.pk",
        "radio.gov.pk",
        # India
        "timesofindia.indiatimes.com",
        "hindustantimes.com",
        "thehindu.com",
        "indianexpress.com",
        "ndtv.com",
        "jagran.com",
        "bhaskar.com",
        "amarujala.com",
        "navbharattimes.indiatimes.com",
        "aajtak.in",
        "aninews.in",
        "ianslive.in",
        "ddnews.gov.in",
        "newsonair.gov.in",
        "siasat.com",
        "roznamasahara.com",
        # international services
        "bbc.com/urdu",
        "bbc.com/hindi",
        "urduvoa.com",
        "dw.com/ur",
        "dw.com/hi",
        "independenturdu.com",
        "sputniknews.com",
        "afp.com",
        "xinhuanet.com",
        "aljazeera.com",
        "aa.com.tr",
    ],
)
def test_the_required_outlets_are_listed(domain: str) -> None:
    assert domain in outlet_table()


def test_seed_outlets_have_the_expected_facts() -> None:
    kcna = outlet_for("http://kcna.kp/en/article/q/1.kcmsp")
    assert kcna is not None and (kcna.country, kcna.kind, kcna.agency) == ("KP", "state", "KCNA")
    inquilab = outlet_for("https://www.inquilab.com/news/world/x")
    assert inquilab is not None
    assert (inquilab.name_ur, inquilab.country, inquilab.lang) == ("انقلاب", "IN", "ur")
    assert outlet_for("https://ptinews.com/story/1").kind == "wire"  # type: ignore[union-attr]


def test_subdomains_fall_back_to_their_parent_unless_listed() -> None:
    assert outlet_for("https://urdu.geo.tv/latest/1").domain == "urdu.geo.tv"  # type: ignore[union-attr]
    assert outlet_for("https://sports.geo.tv/x").domain == "geo.tv"  # type: ignore[union-attr]
    assert outlet_for("https://m.dawn.com/news/1").domain == "dawn.com"  # type: ignore[union-attr]
    assert outlet_for("HTTPS://WWW.Dawn.COM/news/1").domain == "dawn.com"  # type: ignore[union-attr]
    assert lookup("notdawn.com") is None  # a suffix match is by whole labels only


def test_path_editions_are_matched_before_their_domain() -> None:
    urdu = outlet_for("https://www.bbc.com/urdu/articles/c1")
    assert urdu is not None and (urdu.domain, urdu.lang) == ("bbc.com/urdu", "ur")
    assert outlet_for("https://www.bbc.com/news/world-1").domain == "bbc.com"  # type: ignore[union-attr]
    assert outlet_for("https://www.dw.com/hi/x/a-1").name == "DW Hindi"  # type: ignore[union-attr]
    assert outlet_for("bbc.com").domain == "bbc.com"  # type: ignore[union-attr]  # a bare host


def test_unknown_domains_get_a_record_from_their_domain() -> None:
    o = outlet_for("https://www.example-news.org/2024/01/x.html")
    assert o is not None and (o.domain, o.name, o.kind, o.known) == (
        "example-news.org",
        "example-news.org",
        "unknown",
        False,
    )
    assert outlet_for(None) is None and outlet_for("") is None
    assert outlet_for("http://127.0.0.1:8000/").domain == "127.0.0.1"  # type: ignore[union-attr]
    assert host_of("http://[::1") == ""  # a malformed URL has no host


def test_khabar_kb_outlets_looks_up_and_lists() -> None:
    from tests.conftest import khabar

    code, out = khabar("kb", "outlets", "https://www.bbc.com/urdu/articles/c1")
    assert code == 0 and "BBC Urdu (بی بی سی اردو)" in out and "public broadcaster" in out, out
    code, out = khabar("kb", "outlets", "news.example.org")
    assert code == 0 and "(not in the registry)" in out
    code, out = khabar("kb", "outlets", "--country", "pk")
    assert code == 0 and "dawn.com" in out and "thehindu.com" not in out
