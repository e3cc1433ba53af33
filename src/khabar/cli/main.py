"""The ``khabar`` command line: thin wrappers over plain functions in khabar.jobs and the store."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from khabar.cli.common import (
    EXIT_FAILURE,
    EXIT_TOO_MANY_REJECTS,
    EXIT_USAGE,
    MAX_LIMIT,
    ConfigOption,
    DbOption,
    app,
    config_for,
    err,
    fail,
    open_existing,
    open_store,
    out,
    store_name,
    store_opener,
)
from khabar.errors import KhabarError

if TYPE_CHECKING:
    from rich.progress import Progress

    from khabar.config import Config
    from khabar.document import Document
    from khabar.executors.driver import ShardedReport
    from khabar.jobs import IngestReport

__all__ = ["EXIT_TOO_MANY_REJECTS", "EXIT_USAGE", "app", "main"]


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories (.txt .html .warc[.gz] .jsonl), or - for stdin.")
    ],
    db: DbOption = None,
    config_file: ConfigOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first error inside a stage.")] = False,
    max_reject_share: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Exit with code 3 when more than this share of documents is rejected."
        ),
    ] = 0.5,
    executor: Annotated[
        str,
        typer.Option(
            help="single: this process (the default); local: --workers forked processes; "
            "ray: --workers Ray actors (a local Ray runtime, or the cluster at --address)."
        ),
    ] = "single",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes or actors for local and ray.")] = 2,
    address: Annotated[
        str | None, typer.Option(help="A Ray cluster to join (ray://host:10001 or host:6379).")
    ] = None,
    shard_size: Annotated[
        int, typer.Option(min=1, help="Files, WARC records or JSON lines per shard (local and ray).")
    ] = 100,
    retries: Annotated[int, typer.Option(min=0, help="Times a failing shard is tried again.")] = 2,
) -> None:
    """Read, clean, identify, normalise and store documents; bad input is kept as a reject.

    With --executor local or ray the input is cut into shards worked on in parallel; a killed
    run started again with the same arguments does only the shards not done (docs/scale.md).

    Example: khabar ingest ../shared/seeds examples --db news.db
    """
    from khabar.jobs import ingest as run_ingest

    config = config_for(db, config_file, strict=strict or None)
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    if executor != "single":
        _ingest_sharded(paths, config, executor, workers, address, shard_size, retries, max_reject_share)
        return
    store = open_store(config)
    progress = _progress()
    try:
        with progress:
            task = progress.add_task("ingesting", total=None)
            items_before = sum(a.items for a in store.alerts.all())
            report = run_ingest(paths, store, config, on_document=lambda _d: progress.advance(task))
            new_items = sum(a.items for a in store.alerts.all()) - items_before
    except KhabarError as exc:
        fail(str(exc))
    finally:
        store.close()
    _print_counts(report, config)
    if new_items:
        plural = "s" if new_items != 1 else ""
        out.print(f"{new_items} new alert item{plural}: khabar alerts --db {store_name(config)}")
    if report.failure_share > max_reject_share:
        err.print(f"more than {max_reject_share:.0%} of the documents were rejected; see 'khabar rejects'")
        raise typer.Exit(EXIT_TOO_MANY_REJECTS)


def _print_counts(report: IngestReport, config: Config) -> None:
    """What an ingest read, stored and rejected, by reason."""
    out.print(
        f"read {report.read} documents: {report.stored} stored, {report.already_stored} already stored, "
        f"{report.rejected} rejected → {store_name(config)}"
    )
    for reason, n in sorted(report.reasons.items(), key=lambda kv: -kv[1]):
        out.print(f"  rejected {n:>4}  {reason}")


def _progress() -> Progress:
    """A progress bar on stderr, shown only on a terminal."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _ingest_sharded(
    paths: list[str],
    config: Config,
    executor: str,
    workers: int,
    address: str | None,
    shard_size: int,
    retries: int,
    max_reject_share: float,
) -> None:
    """``khabar ingest --executor local|ray``: progress by shard, a summary, the exit code."""
    from khabar.executors import ingest_sharded

    store = open_store(config)
    progress = _progress()
    try:
        with progress:
            task = progress.add_task("shards", total=None)

            def on_shard(_shard: object, state: str, report: ShardedReport) -> None:
                left = report.shards - report.done_before
                progress.update(task, total=left, completed=report.done + len(report.failed))
                progress.update(task, description=f"shards ({report.read} documents)")

            report = ingest_sharded(
                paths,
                store,
                config,
                store_opener(config),
                executor=executor,
                workers=workers,
                address=address,
                shard_size=shard_size,
                retries=retries,
                on_shard=on_shard,
            )
    except KhabarError as exc:
        fail(str(exc))
    finally:
        store.close()
    _print_counts(report, config)
    out.print(
        f"shards: {report.shards} planned, {report.done_before} done before, {report.done} done now,"
        f" {len(report.failed)} failed (run {report.run_key})"
    )
    for label, error in report.failed.items():
        err.print(f"  failed: {escape(label)}: {escape(error.splitlines()[-1] if error else '')}")
    if report.failed:
        err.print("some shards failed; run the same command again to retry them")
        raise typer.Exit(EXIT_FAILURE)
    if report.failure_share > max_reject_share:
        err.print(f"more than {max_reject_share:.0%} of the documents were rejected; see 'khabar rejects'")
        raise typer.Exit(EXIT_TOO_MANY_REJECTS)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find, in any script; all must occur.")],
    db: DbOption = None,
    lang: Annotated[str | None, typer.Option(help="Only documents in this language (ur, hi, en…).")] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only this outlet: its domain (dawn.com, bbc.com/urdu).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only outlets of this country (ISO code: PK, IN).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only outlets of this kind: state, public, private, wire, unknown.")
    ] = None,
    page_kind: Annotated[
        str | None, typer.Option(help="Only pages of this kind: article, homepage, section, video, gallery.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="At most this many hits.")] = 20,
) -> None:
    """Full-text search over normalised text; a query that names a known entity also finds
    every document mentioning it, in any script ("Shoigu" finds شوئیگو and शोइगु).

    Example: khabar search Shoigu --country PK --kind state --db news.db
    """
    from khabar.cli.searching import run_search

    code = run_search(
        query, db, lang=lang, outlet=outlet, country=country, kind=kind, page_kind=page_kind, limit=limit
    )
    if code:
        raise typer.Exit(code)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id (or a unique prefix).")],
    db: DbOption = None,
    removed: Annotated[
        bool, typer.Option("--removed", help="Also list the boilerplate removed from the page.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole document as JSON.")] = False,
) -> None:
    """Show one document: metadata, segments with their language, cited sources and text.

    Example: khabar show 3fa2c1 --removed --db news.db
    """
    store = open_existing(config_for(db))
    doc = store.get(doc_id)
    if doc is None:
        fail(f"no document with id {doc_id!r}; 'khabar search' or 'khabar export' list ids", code=1)
    if as_json:
        from khabar.views.documents import with_links

        out.print_json(with_links(store, doc).to_json())
        return
    _print_document(doc, removed)


def _print_document(doc: Document, removed: bool) -> None:
    pub = doc.published
    out.print(f"[bold]{escape(doc.title)}[/]")
    out.print(f"id        {doc.id}")
    out.print(f"source    {escape(doc.source.uri)} ({doc.source.kind})")
    if doc.source.url:
        out.print(f"url       {escape(doc.source.url)}")
    out.print(f"language  {doc.lang} ({doc.script}, confidence {doc.lang_confidence:.2f})")
    if pub:
        out.print(
            f"published {pub.value} from {pub.source} (confidence {pub.confidence:.2f})"
            f" «{escape(pub.evidence)}»"
        )
    for url in dict.fromkeys(doc.provenance.cited_urls):
        out.print(f"cites     {escape(url)}")
    agencies = Counter(c.value for c in doc.provenance.cited if c.kind == "agency")
    if agencies:
        out.print("agencies  " + ", ".join(f"{escape(name)} ({n}×)" for name, n in agencies.items()))
    for rej in doc.rejects:
        out.print(f"[red]rejected[/]  at {rej.stage}: {rej.reason} {escape(rej.detail[:300])}")
    out.print()
    for seg in doc.segments:
        out.print(f"[dim]{seg.kind:<8} {seg.lang:<7}[/] {escape(doc.text[seg.start : seg.end])}")
    if removed:
        out.print("\n[bold]removed[/]")
        for r in doc.removed:
            out.print(f"[dim]{r.reason:<18}[/] {escape(r.text)}")


@app.command("entities")
def entities_cmd(
    db: DbOption = None,
    label: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, LOC or ROLE.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="At most this many entities.")] = 50,
) -> None:
    """Entities mentioned in the store, most documents first.

    Example: khabar entities --type PERSON --db news.db
    """
    from khabar.kb import load_kb

    store = open_existing(config_for(db))
    kb = load_kb()
    rows = store.entity_counts(label.upper() if label else None)
    if not rows:
        out.print("no entity mentions stored")
        return
    for ref, kind, docs, mentions, surface in rows[:limit]:
        entity = kb.get(ref)
        name = entity.label if entity else surface or ref
        out.print(f"{docs:>4} docs {mentions:>5} mentions  {kind:<7} {escape(name)}  [dim]{ref}[/]")


@app.command("entity")
def entity_cmd(
    name: Annotated[str, typer.Argument(help="A name in any script, or an entity id.")],
    db: DbOption = None,
) -> None:
    """One entity: its aliases by script, roles, the documents that mention it, and co-mentions.

    Example: khabar entity شوئیگو --db news.db
    """
    from khabar.kb import load_kb
    from khabar.views.entities import entity_ids

    store = open_existing(config_for(db))
    kb = load_kb()
    ids = entity_ids(name)
    if not ids:
        fail(f"no entity is known by {name!r}; 'khabar entities' lists those mentioned", code=1)
    for ref in ids:
        entity = kb.get(ref)
        out.print(f"[bold]{escape(entity.label if entity else ref)}[/]  {ref}")
        if entity:
            out.print(f"type      {entity.type} {entity.kind}".rstrip())
            if entity.qid:
                out.print(f"wikidata  {entity.qid}")
            if entity.country:
                out.print(f"country   {entity.country}")
            for script, names in entity.aliases.items():
                out.print(f"{script:<9} " + escape(" · ".join(names)))
            for role in entity.roles:
                out.print(f"role      {escape(str(role))}")
        mentions = store.entity_mentions([ref])
        docs: dict[str, list[str]] = {}
        for doc_id, surface, _start, _end in mentions:
            docs.setdefault(doc_id, []).append(surface or "")
        out.print(f"\nmentioned {len(mentions)} times in {len(docs)} documents")
        for doc_id, surfaces in docs.items():
            doc = store.get(doc_id)
            title = doc.title[:70] if doc else ""
            spellings = " · ".join(dict.fromkeys(surfaces))
            out.print(f"  {doc_id}  {doc.lang if doc else ''}  {escape(title)}  «{escape(spellings)}»")
        co = store.co_mentions([ref])
        if co:
            names = []
            for other, _label, shared in co:
                known = kb.get(other)
                names.append(f"{known.label if known else other} ({shared})")
            out.print("\nmentioned with " + escape(", ".join(names)))


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts of documents per language and kind, rejects per reason, runs.

    Example: khabar stats --db news.db
    """
    store = open_existing(config_for(db))
    problem = store.integrity()
    if problem != "ok":
        fail(f"the database cannot be read: database disk image is malformed ({problem[:300]})", EXIT_FAILURE)
    s = store.stats()
    out.print(f"documents: {s['documents']}  rejects: {s['rejects']}  runs: {s['runs']}")
    for title, key in (
        ("language", "languages"),
        ("kind", "kinds"),
        ("page kind", "page_kinds"),
        ("outlet kind", "outlet_kinds"),
        ("outlet country", "countries"),
        ("reject reason", "reject_reasons"),
    ):
        if s.get(key):
            out.print(f"by {title}: " + ", ".join(f"{k or 'unknown'} {v}" for k, v in s[key].items()))
    if s["top_entities"]:
        from khabar.kb import load_kb

        kb = load_kb()
        names = []
        for ref, _label, n, surface in s["top_entities"]:
            known = kb.get(ref)
            names.append(f"{known.label if known else surface or ref} ({n} docs)")
        out.print("top entities: " + escape(", ".join(names)))
    if s["top_agencies"]:
        out.print("agencies cited: " + ", ".join(f"{k} ({v} docs)" for k, v in s["top_agencies"]))
    for kind in ("mentions", "times", "events", "claims"):
        if s["annotations"].get(kind):
            out.print(f"{kind}: {s['annotations'][kind]}")


@app.command()
def rejects(
    db: DbOption = None,
    reason: Annotated[str | None, typer.Option(help="Only this reason (e.g. binary_content).")] = None,
) -> None:
    """List rejected documents with source path, stage and reason.

    Example: khabar rejects --db news.db
    """
    store = open_existing(config_for(db))
    rows = store.rejects(reason=reason)
    if not rows:
        out.print("no rejected documents")
        return
    out.print(f"{len(rows)} rejected documents")
    for r in rows:
        out.print(f"\n[bold]{r.reason}[/] at {r.stage}  {r.id}")
        out.print(f"    {escape(r.uri)}")
        if r.detail:
            out.print(f"    {escape(r.detail[:200])}")


@app.command("link-failures")
def link_failures(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="At most this many, newest first.")] = 100,
) -> None:
    """List documents a linker (events, duplicates, stories) failed on, with the error.

    The rest of each batch was linked; 'khabar relink' tries every document again.
    Example: khabar link-failures --db news.db
    """
    store = open_existing(config_for(db))
    rows = store.link_failures.list(limit=limit)
    if not rows:
        out.print("no linker failures")
        return
    out.print(f"{store.link_failures.count()} linker failures")
    for r in rows:
        out.print(f"\n[bold]{r.linker}[/] failed on {r.doc_id}  (run {r.run_id}, {r.at})")
        out.print(f"    {escape(r.error[:300])}")
        if r.detail:
            out.print(f"    at {escape(r.detail)}")


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, events-tsv, geojson (events with places) or story.")
    ] = "jsonl",
    db: DbOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Only documents in this language.")] = None,
    story: Annotated[
        str | None, typer.Option(help="A story id: the story (--format story) or its events (geojson).")
    ] = None,
) -> None:
    """Export stored documents, events with places as GeoJSON, or a story as JSON (docs/schema.md).

    Example: khabar export --format jsonl --db news.db -o news.jsonl
    Example: khabar export --format geojson --story th-ff6d42c9a106 -o story.geojson
    """
    from khabar.views.export import CSV_COLUMNS, csv_row, export_jsonl

    if fmt not in ("jsonl", "csv", "events-tsv", "geojson", "story"):
        fail(f"unknown format {fmt!r}; use jsonl, csv, events-tsv, geojson or story")
    if fmt == "story" and not story:
        fail("--format story needs --story ID ('khabar stories' lists them)")
    store = open_existing(config_for(db))
    picked = None
    if story:
        from khabar.views.stories import get_story

        picked = get_story(store, story)
        if picked is None:
            fail(f"no story with id {story!r}; 'khabar stories' lists them", code=1)
    target = str(output) if output else "standard output"
    try:
        stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}", EXIT_FAILURE)
    what = "documents"
    try:
        try:
            if fmt == "events-tsv":
                from khabar.views.export import write_events_tsv

                n, what = write_events_tsv(store, stream), "events"
            elif fmt in ("geojson", "story"):
                n, what = _export_json(store, fmt, picked, stream)
            elif fmt == "jsonl":
                n = export_jsonl(store.documents(lang=lang), stream, store)
            else:
                writer = csv.writer(stream)
                writer.writerow(CSV_COLUMNS)
                n = 0
                for doc in store.documents(lang=lang):
                    writer.writerow(csv_row(doc))
                    n += 1
            stream.flush()
        finally:
            if output:
                stream.close()
    except OSError as exc:  # a full disk (/dev/full), a closed pipe: the export is incomplete
        fail(f"cannot write {target}: {exc.strerror or exc}; the export is incomplete", EXIT_FAILURE)
    err.print(f"exported {n} {what}")


def _export_json(store: Any, fmt: str, story: dict[str, Any] | None, stream: Any) -> tuple[int, str]:
    """Write the GeoJSON of (a story's) placed events, or a story's export; (count, what)."""
    if fmt == "geojson":
        from khabar.views.geo import events_geojson

        body = events_geojson(store, story=story)
        json.dump(body, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return len(body["features"]), "events with places"
    from khabar.views.story_export import story_export

    record = story_export(store, str((story or {})["id"])) or {}
    json.dump(record, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(record.get("events") or []), "story events"


# Command groups in their own modules register on the same app when imported; the sub-apps
# (khabar eval …, khabar train …, khabar kb …) are added to it here.
from khabar.cli import alerts, duplicates, events, happenings, migrate, serve, stories, watch  # noqa: E402, F401
from khabar.cli import eval as eval_commands  # noqa: E402
from khabar.cli import kb as kb_commands  # noqa: E402
from khabar.cli import train as train_commands  # noqa: E402

app.add_typer(eval_commands.app, name="eval")
app.add_typer(train_commands.app, name="train")
app.add_typer(kb_commands.app, name="kb")


def main() -> None:
    """Entry point for ``python -m khabar``."""
    app()
