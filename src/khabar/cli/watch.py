"""``khabar sources`` and ``khabar watch``: the outlets Khabar watches, and the watch itself."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from khabar.cli.common import ConfigOption, DbOption, app, config_for, err, fail, open_store, out
from khabar.errors import KhabarError

# The fetch client (httpx, feedparser, courlan), the watch loop and the outlet KB are imported
# by the commands that use them: `khabar --help` and every other command never load them.
if TYPE_CHECKING:
    from khabar.config import Config
    from khabar.fetch import FetchPolicy
    from khabar.monitor import WatchReport
    from khabar.store.base import Store

sources_app = typer.Typer(
    help="The outlets, feeds and sitemaps Khabar watches.\n\n"
    "Example: khabar sources add https://www.dawn.com/ --name Dawn --interval 10m",
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(sources_app, name="sources")

IntervalOption = Annotated[str, typer.Option("--interval", help="How often to poll: 90s, 10m, 2h, 1d.")]
UserAgentOption = Annotated[
    str | None, typer.Option("--user-agent", help="User-Agent sent to outlets (default names Khabar).")
]
DelayOption = Annotated[
    float | None,
    typer.Option(
        "--delay", min=0.0, help="Least seconds between two requests to one host (robots Crawl-delay wins)."
    ),
]


#: ``format_interval(khabar.monitor.DEFAULT_INTERVAL)``, written out so that defining the options
#: does not import the watch loop (tests/cli/test_lazy_imports.py checks the two agree).
DEFAULT_INTERVAL_TEXT = "10m"


def warc_dir(config: Config) -> Path:
    """Where a store's fetched responses are archived: ``news.db`` → ``news.warc/``."""
    return config.db.with_suffix(".warc")


def fetch_policy(user_agent: str | None = None, delay: float | None = None) -> FetchPolicy:
    """The fetch policy with the command line's overrides."""
    from khabar.fetch import FetchPolicy

    overrides: dict[str, Any] = {}
    if user_agent:
        overrides["user_agent"] = user_agent
    if delay is not None:
        overrides["host_delay"] = delay
    return FetchPolicy(**overrides)


def _interval(text: str) -> float:
    from khabar.monitor import parse_interval

    try:
        return parse_interval(text)
    except KhabarError as exc:
        fail(str(exc))


@sources_app.callback(invoke_without_command=True)
def sources_list(
    ctx: typer.Context,
    db: DbOption = None,
    config_file: ConfigOption = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List the failed fetches with their reasons.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Failed fetches shown at most.")] = 50,
) -> None:
    """List the sources (kind, last fetch, items, errors, next poll) or, with --errors, the failed fetches."""
    if ctx.invoked_subcommand is not None:
        return
    config = config_for(db, config_file)
    store = open_store(config)
    try:
        if errors:
            _show_failures(store, limit)
        else:
            _show_sources(store)
    finally:
        store.close()


def _show_sources(store: Store) -> None:
    from khabar.kb.outlets import outlet_for
    from khabar.monitor import format_interval

    rows = store.sources.all()
    if not rows:
        out.print("no sources yet; add one: khabar sources add https://outlet.example/")
        return
    table = Table(
        "id", "source", "kind", "from", "every", "last fetch", "status", "items", "errors", "next poll"
    )
    for s in rows:
        due = datetime.fromtimestamp(s.next_poll, UTC).isoformat(timespec="seconds") if s.next_poll else "now"
        status = s.last_error or (str(s.last_status) if s.last_status else "-")
        outlet = outlet_for(s.url)
        table.add_row(
            str(s.id),
            escape(s.name or (outlet.name if outlet else "")),
            escape(s.url),
            s.kind,
            str(s.parent or ""),
            format_interval(s.interval),
            s.last_fetch or "never",
            escape(status),
            str(s.items),
            f"{s.errors} ({s.failing} in a row)" if s.failing else str(s.errors),
            due,
        )
    out.print(table)
    counts = store.sources.queue_counts()
    out.print("queue: " + (", ".join(f"{n} {state}" for state, n in counts.items()) or "empty"))


def _show_failures(store: Store, limit: int) -> None:
    failures = store.sources.failures(limit=limit)
    if not failures:
        out.print("no failed fetches")
        return
    table = Table("when", "source", "url", "reason", "status", "detail")
    for f in failures:
        table.add_row(
            f.at, str(f.source or ""), escape(f.url), f.error, str(f.status or ""), escape(f.detail[:120])
        )
    out.print(table)


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="An outlet's home page, a feed (RSS/Atom) or a sitemap.")],
    name: Annotated[str | None, typer.Option("--name", help="The outlet's name as shown.")] = None,
    interval: IntervalOption = DEFAULT_INTERVAL_TEXT,
    db: DbOption = None,
    config_file: ConfigOption = None,
    user_agent: UserAgentOption = None,
    delay: DelayOption = None,
) -> None:
    """Add a source; for a home page also the feeds and sitemaps it advertises (or has at the usual paths).

    Example: khabar sources add https://www.bbc.com/urdu --name "BBC Urdu" --interval 15m
    """
    from khabar.fetch import Fetcher
    from khabar.monitor import add_source, format_interval

    seconds = _interval(interval)
    config = config_for(db, config_file)
    store = open_store(config)
    try:
        with Fetcher(fetch_policy(user_agent, delay)) as fetcher:
            added = add_source(store, fetcher, url, name=name, interval=seconds)
    except KhabarError as exc:
        fail(str(exc))
    finally:
        store.close()
    verb = "added" if added.new else "already watched:"
    out.print(
        f"{verb} source {added.id}: {escape(added.url)} ({added.kind}, every {format_interval(seconds)})"
    )
    for found_url, kind in added.found:
        out.print(f"  found {kind}: {escape(found_url)}")
    if added.error:
        err.print(f"warning: the first fetch failed ({added.error}); it is retried at each poll")


@sources_app.command("remove")
def sources_remove(
    source: Annotated[str, typer.Argument(help="The source's id or URL (see khabar sources).")],
    db: DbOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Stop watching a source (and the feeds found from it); what it brought stays stored."""
    config = config_for(db, config_file)
    store = open_store(config)
    try:
        removed = store.sources.remove(source)
    finally:
        store.close()
    if not removed:
        fail(f"no source {source!r}; khabar sources lists them")
    out.print(f"removed {removed} source{'s' if removed != 1 else ''}")


@sources_app.command("import")
def sources_import(
    file: Annotated[Path, typer.Argument(help="A TOML file of [[source]] entries (url, name, interval).")],
    db: DbOption = None,
    config_file: ConfigOption = None,
    user_agent: UserAgentOption = None,
    delay: DelayOption = None,
) -> None:
    """Add many sources from a TOML file.

    Example file:  interval = "15m"  [[source]]  url = "https://www.dawn.com/"  name = "Dawn"
    """
    from khabar.fetch import Fetcher
    from khabar.monitor import add_source, read_sources_file

    try:
        specs = read_sources_file(file)
    except KhabarError as exc:
        fail(str(exc))
    config = config_for(db, config_file)
    store = open_store(config)
    failed = 0
    try:
        with Fetcher(fetch_policy(user_agent, delay)) as fetcher:
            for spec in specs:
                try:
                    added = add_source(store, fetcher, spec.url, name=spec.name, interval=spec.interval)
                except KhabarError as exc:
                    failed += 1
                    err.print(f"skipped {escape(spec.url)}: {escape(str(exc))}")
                    continue
                found = f", {len(added.found)} feeds/sitemaps found" if added.found else ""
                note = f" (first fetch failed: {added.error})" if added.error else ""
                out.print(f"source {added.id}: {escape(added.url)} ({added.kind}{found}){note}")
    finally:
        store.close()
    out.print(f"imported {len(specs) - failed} of {len(specs)} sources")
    if failed:
        raise typer.Exit(1)


@app.command()
def watch(
    once: Annotated[
        bool, typer.Option("--once", help="One round: poll what is due, fetch, ingest, then stop.")
    ] = False,
    db: DbOption = None,
    config_file: ConfigOption = None,
    user_agent: UserAgentOption = None,
    delay: DelayOption = None,
    max_fetches: Annotated[int, typer.Option(min=1, help="Articles fetched per round at most.")] = 1000,
    budget: Annotated[
        float | None, typer.Option(min=1.0, help="Seconds of article fetching per round; the rest waits.")
    ] = None,
) -> None:
    """Poll the sources on their intervals, fetch new articles, archive them (WARC), ingest and link them.

    Stops cleanly on Ctrl-C or SIGTERM. Example: khabar watch --once --db news.db
    """
    from khabar.monitor import Watcher, WatchOptions

    config = config_for(db, config_file)
    store = open_store(config)
    if not store.sources.all():
        store.close()
        fail("no sources to watch; add one first: khabar sources add https://outlet.example/")
    options = WatchOptions(
        policy=fetch_policy(user_agent, delay),
        warc_dir=warc_dir(config),
        max_fetches=max_fetches,
        time_budget=budget,
    )
    watcher = Watcher(store, config, options, on_progress=_progress_line)

    def stop(signum: int, _frame: object) -> None:
        err.print("stopping after the current fetch…")
        watcher.stop.set()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if once:
            _summary(watcher.round())
        else:
            out.print(f"watching {len(store.sources.all())} sources; Ctrl-C to stop")
            watcher.run(on_round=_round_line, on_error=lambda exc: err.print(f"a round failed: {exc}"))
    except KeyboardInterrupt:
        watcher.stop.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
        watcher.close()
        store.close()
    out.print(f"responses archived in {options.warc_dir}/ (re-read with: khabar ingest {options.warc_dir})")


def _progress_line(report: WatchReport) -> None:
    if err.is_terminal:
        err.print(
            f"polled {report.polled}  fetched {report.fetched}  stored {report.stored}"
            f"  failed {report.failed}",
            end="\r",
        )


def _round_line(report: WatchReport) -> None:
    if report.polled or report.fetched:
        when = datetime.now(UTC).strftime("%H:%M:%S")
        out.print(
            f"{when} polled {report.polled} ({report.not_modified} not modified), fetched {report.fetched},"
            f" stored {report.stored}, failed {report.failed}",
            highlight=False,
        )


def _summary(report: WatchReport) -> None:
    table = Table("source", "new", "seen", "stored", "failed", "note")
    for p in report.sources.values():
        table.add_row(
            escape(p.url),
            str(p.new),
            str(p.seen),
            str(p.stored),
            str(p.failed),
            "not modified" if p.not_modified else "",
        )
    if report.sources:
        out.print(table)
    out.print(
        f"polled {report.polled} sources ({report.not_modified} not modified);"
        f" fetched {report.fetched} pages, stored {report.stored},"
        f" skipped {report.skipped} (robots.txt), failed {report.failed}"
        + (f"; {report.left} left for the next round" if report.left else "")
    )
