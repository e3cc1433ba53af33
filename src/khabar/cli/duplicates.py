"""``khabar duplicates``: duplicate, translation and source links."""

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
from khabar.dedup.kinds import KINDS

#: Characters of a title shown per member.
TITLE_CHARS = 70


@app.command()
def duplicates(
    db: DbOption = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Only this link kind: duplicate_of, near_duplicate_of, translation_of, same_source_as."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Groups to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Groups to skip.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the groups as JSON.")] = False,
) -> None:
    """Copies, translations and pages citing the same source, grouped by their original.

    Each member shows the link's score and its evidence: shared numbers, entities and cited
    URLs, key alignment and line coverage for translations, containment for near copies.

    Example: khabar duplicates --kind translation_of --db news.db
    """
    from khabar.views.duplicates import list_duplicates

    if kind is not None and kind not in KINDS:
        fail(f"unknown link kind {kind!r}; use one of {', '.join(KINDS)}")
    store = open_existing(config_for(db))
    groups = list_duplicates(store, kind=kind, limit=limit, offset=offset)
    if as_json:
        out.print_json(json.dumps(groups, ensure_ascii=False))
        return
    if not groups:
        out.print("no duplicate, translation or same-source links" + (f" of kind {kind}" if kind else ""))
        return
    for group in groups:
        head, *members = group["members"]
        out.print(f"\n[bold]{group['kind']}[/]  {_member(head)}")
        for member in members:
            out.print(f"  ← {member['score']:.3f}  {_member(member)}")
            explanation = explain(member.get("evidence") or {})
            if explanation:
                out.print(f"      {escape(explanation)}")


def _member(member: dict[str, Any]) -> str:
    title = (member.get("title") or "").replace("\n", " ")[:TITLE_CHARS]
    outlet = f" {member['outlet']}" if member.get("outlet") else ""
    return f"{member['doc_id']} " + escape(f"[{member.get('lang') or '?'}]{outlet}  {title}")


def explain(evidence: dict[str, Any]) -> str:
    """One line saying why two documents are linked, from a link's evidence."""
    parts = []
    for key, label in (
        ("line_coverage", "line coverage"),
        ("key_alignment", "key alignment"),
        ("containment", "containment"),
        ("jaccard", "jaccard"),
    ):
        if key in evidence:
            parts.append(f"{label} {evidence[key]}")
    if "content_hash" in evidence:
        parts.append("same text")
    for key, label in (
        ("cited_urls", "cited"),
        ("agencies", "agencies"),
        ("numbers", "numbers"),
        ("dates", "dates"),
        ("entities", "entities"),
    ):
        values = evidence.get(key) or []
        if values:
            shown = ", ".join(str(v) for v in values[:8]) + (" …" if len(values) > 8 else "")
            parts.append(f"{label}: {shown}")
    if evidence.get("via"):
        parts.append(f"via {evidence['via']}")
    return "; ".join(parts)
