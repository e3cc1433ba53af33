"""``khabar events`` and ``khabar claims``: coded events and attributed claims."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from khabar.cli.common import (
    MAX_LIMIT,
    MAX_OFFSET,
    DbOption,
    app,
    config_for,
    fail,
    open_existing,
    out,
)

#: Characters of an evidence sentence shown per source.
EVIDENCE_CHARS = 110


def _names(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] for p in parties) or "?"


def _entity(name: str | None) -> str | None:
    if not name:
        return None
    from khabar.views.entities import entity_ids

    ids = entity_ids(name)
    if not ids:
        fail(f"no known entity called {name!r}; 'khabar entities' lists them")
    return ids[0]


@app.command()
def events(
    db: DbOption = None,
    entity: Annotated[
        str | None, typer.Option(help="Only events with this party (name in any script or id).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only this PLOVER type (CONSULT, ACCUSE …).")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only events told by this document (id or prefix).")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this ISO date.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Events to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Events to skip.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the events as JSON.")] = False,
) -> None:
    """Coded events merged across documents, newest first, each with its sources and evidence.

    Example: khabar events --entity شوئیگو --type CONSULT --db news.db
    """
    from khabar.views.events import list_events

    store = open_existing(config_for(db))
    found = list_events(
        store,
        entity=_entity(entity),
        type=kind,
        doc_id=doc,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    if as_json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        out.print("no events")
        return
    for e in found:
        flags = [k for k, v in e["flags"].items() if v]
        where = f" at {e['place']['name']}" if e["place"] else ""
        hosts = f" hosted by {_names(e['hosts'])}" if e.get("hosts") else ""
        out.print(
            f"\n[bold]{e['date'] or 'undated'}[/] {e['type']}/{e['mode'] or '-'}  "
            f"{escape(_names(e['actors']))} → {escape(_names(e['recipients']))}{escape(where)}{escape(hosts)}"
            f"  [dim]{e['id']} {' '.join(flags)}[/]"
        )
        for ev in e["evidence"]:
            text = " ".join(ev["text"].split())[:EVIDENCE_CHARS]
            out.print(f"    {ev['doc_id'][:12]} {escape('[' + ev['lang'] + ']')} {escape(text)}")


@app.command()
def claims(
    db: DbOption = None,
    doc: Annotated[str | None, typer.Option(help="Only claims in this document (id or prefix).")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Only claims this party makes, reports or is the target of.")
    ] = None,
    stance: Annotated[
        str | None, typer.Option(help="Only this stance: assert, accuse, deny, support …")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Claims to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Claims to skip.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the claims as JSON.")] = False,
) -> None:
    """Attributed claims: who said what, reported by whom; denials point at the accusation they answer.

    Example: khabar claims --stance deny --db news.db
    """
    from khabar.views.events import list_claims, merged_claims

    store = open_existing(config_for(db))
    pick = list_claims if as_json else merged_claims
    found = pick(store, doc_id=doc, entity=_entity(entity), stance=stance, limit=limit, offset=offset)
    if as_json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        out.print("no claims")
        return
    for c in found:
        speaker = c["speaker"]["name"] if c["speaker"] else "?"
        via = f" (via {c['reporter']['name']})" if c["reporter"] and c["reporter"] != c["speaker"] else ""
        target = f" against {c['target']['name']}" if c["target"] else ""
        where = f"{c['doc_id'][:12]}#{c['idx']}"
        out.print(f"\n[bold]{escape(speaker)}[/]{escape(via)} {c['stance']}{escape(target)}  [dim]{where}[/]")
        out.print(f"    {escape(' '.join(c['text'].split())[:EVIDENCE_CHARS])}")
        for other in c["documents"]:
            if (other["doc_id"], other["idx"]) == (c["doc_id"], c["idx"]):
                continue
            evidence = " ".join(other["evidence"].split())[:EVIDENCE_CHARS]
            out.print(f"    [dim]also {other['doc_id'][:12]}#{other['idx']}:[/] {escape(evidence)}")
        if c["answers"]:
            out.print(f"    answers #{c['answers']['idx']}")
        for other in c["answered_by"]:
            out.print(f"    answered by #{other['idx']}")
