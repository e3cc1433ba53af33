"""``khabar sources`` and ``khabar watch`` as a user types them, against the loopback outlet."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from khabar.cli.main import app
from tests.support.outlet import Outlet

runner = CliRunner()


def _khabar(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "250"})
    return result.exit_code, result.output


def test_sources_add_lists_what_it_found_and_sources_shows_them(outlet: Outlet, tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    code, out = _khabar("sources", "add", outlet.url("/"), "--name", "Fake", "--interval", "15m", "--db", db)
    assert code == 0, out
    assert "added source 1" in out and "(home, every 15m)" in out
    assert "found feed: " + outlet.url("/rss.xml") in out
    assert "found sitemap: " + outlet.url("/news-sitemap.xml") in out
    code, again = _khabar("sources", "add", outlet.url("/"), "--db", db)
    assert code == 0 and "already watched: source 1" in again
    code, listing = _khabar("sources", "--db", db)
    assert code == 0
    assert outlet.url("/atom.xml") in listing and "15m" in listing and "never" in listing
    assert "Fake" in listing  # the outlet column: the name given
    assert "queue: empty" in listing


def test_sources_remove_takes_the_found_feeds_with_it(outlet: Outlet, tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    _khabar("sources", "add", outlet.url("/"), "--db", db)
    code, out = _khabar("sources", "remove", outlet.url("/"), "--db", db)
    assert code == 0 and "removed 6 sources" in out  # the home page and the five feeds it advertises
    code, out = _khabar("sources", "remove", "99", "--db", db)
    assert code == 2 and "no source '99'" in out


def test_sources_import_reads_a_toml_file_and_refuses_a_bad_one(outlet: Outlet, tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    good = tmp_path / "sources.toml"
    good.write_text(
        f'interval = "30m"\n[[source]]\nurl = "{outlet.url("/rss.xml")}"\nname = "Feed"\n'
        f'[[source]]\nurl = "{outlet.url("/news-sitemap.xml")}"\ninterval = "1h"\n',
        encoding="utf-8",
    )
    code, out = _khabar("sources", "import", str(good), "--db", db)
    assert code == 0, out
    assert "imported 2 of 2 sources" in out and "(feed)" in out and "(sitemap)" in out
    _, listing = _khabar("sources", "--db", db)
    assert "30m" in listing and "1h" in listing
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "no url"\n', encoding="utf-8")
    code, out = _khabar("sources", "import", str(bad), "--db", db)
    assert code == 2 and "source 1 has no url" in out
    bad.write_text("[[source]\n", encoding="utf-8")
    code, out = _khabar("sources", "import", str(bad), "--db", db)
    assert code == 2 and "cannot read sources file" in out


def test_bad_arguments_get_one_line_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    code, out = _khabar("sources", "add", "ftp://outlet.example/", "--db", db)
    assert code == 2 and "not an http(s) URL" in out
    code, out = _khabar("sources", "add", "http://127.0.0.1:9/", "--interval", "5s", "--db", db)
    assert code == 2 and "under 10 seconds" in out
    code, out = _khabar("watch", "--once", "--db", db)
    assert code == 2 and "no sources to watch" in out
    code, out = _khabar("sources", "--errors", "--db", db)
    assert code == 0 and "no failed fetches" in out


def test_an_unreachable_source_is_kept_with_its_failure(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    code, out = _khabar("sources", "add", "http://127.0.0.1:9/news/feed.xml", "--db", db)
    assert code == 0 and "(feed, every 10m)" in out and "first fetch failed (connect_error)" in out
    code, out = _khabar("sources", "--errors", "--db", db)
    assert code == 0 and "connect_error" in out
