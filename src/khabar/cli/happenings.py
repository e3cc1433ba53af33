"""``khabar happenings``: events of one day, place and parties, grouped across translations."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from khabar.cli.common import MAX_LIMIT, MAX_OFFSET, DbOption, app, config_for, fail, open_existing, out
from khabar.cli.events import EVIDENCE_CHARS, _entity


@app.command()
def happenings(
    db: DbOption = None,
    entity: Annotated[
        str | None, typer.Option(help="Only happenings with this party (name in any script or id).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only with an event of this PLOVER type.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Only happenings told in this language (ur, hi, en).")
    ] = None,
    story: Annotated[str | None, typer.Option(help="Only happenings of this story (id).")] = None,
    since: Annotated[str | None, typer.Option(help="Only happenings on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only happenings on or before this ISO date.")] = None,
    reader: Annotated[str, typer.Option(help="Language of each line: en, ur or hi.")] = "en",
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Happenings to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Happenings to skip.")] = 0,
    evidence: Annotated[bool, typer.Option(help="Show each happening's evidence sentences.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the happenings as JSON.")] = False,
) -> None:
    """Happenings, newest first: one line each (date · place · who did what — documents, languages).

    Example: khabar happenings --entity Shoigu --reader ur --db news.db
    """
    from khabar.views.happenings import list_happenings

    if reader not in ("en", "ur", "hi"):
        fail(f"unknown reader language {reader!r}; use en, ur or hi")
    store = open_existing(config_for(db))
    found = list_happenings(
        store,
        entity=_entity(entity),
        type=kind,
        lang=lang,
        story=story,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
        reader=reader,
    )
    if as_json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        out.print("no happenings")
        return
    for h in found:
        out.print(f"{escape(h['line'])}  [dim]{h['id']} · {len(h['events'])} events[/]")
        for s in h["evidence"] if evidence else []:
            text = " ".join(s["text"].split())[:EVIDENCE_CHARS]
            out.print(f"    {s['doc_id'][:12]} {escape('[' + s['lang'] + ']')} {escape(text)}")
