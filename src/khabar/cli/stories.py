"""``khabar stories``, ``khabar story`` and ``khabar relink``: story threads, episodes and timelines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from khabar.cli.common import (
    MAX_LIMIT,
    ConfigOption,
    DbOption,
    app,
    config_for,
    err,
    fail,
    open_existing,
    out,
)

if TYPE_CHECKING:
    from khabar.store.base import Store

LEVELS = ("thread", "episode", "all")

# Characters of a title shown in a listing line.
TITLE_CHARS = 90


def _title(story: dict[str, Any], lang: str | None = None) -> str:
    """The story's title in ``lang``, else in its main language, else any."""
    titles: dict[str, str] = story["title"]
    for key in (lang, *story["languages"], "en"):
        if key and titles.get(key):
            return titles[key]
    return next(iter(titles.values()), "")


def _span(story: dict[str, Any]) -> str:
    start, end = story["start"] or "undated", story["end"] or ""
    return start if not end or end == start else f"{start} → {end}"


def _langs(story: dict[str, Any]) -> str:
    return ",".join(story["languages"]) or "-"


@app.command("stories")
def stories_cmd(
    db: DbOption = None,
    level: Annotated[str, typer.Option(help="thread (with their episodes), episode, or all.")] = "thread",
    entity: Annotated[
        str | None, typer.Option(help="Only stories mentioning this entity (a name in any script, or an id).")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Show titles in this language when there is one.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="At most this many stories.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the listing as JSON.")] = False,
) -> None:
    """Stories, most recent first: threads with their dated episodes, languages and outlets.

    Example: khabar stories --entity Shoigu --db news.db
    """
    from khabar.views.entities import entity_ids
    from khabar.views.stories import get_story, list_stories

    if level not in LEVELS:
        fail(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    store: Store = open_existing(config_for(db))
    ids = entity_ids(entity) if entity else [None]
    if entity and not ids:
        fail(f"no entity is known by {entity!r}; 'khabar entities' lists those mentioned", code=1)
    found: dict[str, dict[str, Any]] = {}
    for ref in ids:
        for s in list_stories(store, level=None if level == "all" else level, entity=ref, limit=limit):
            found.setdefault(s["id"], s)
    rows = list(found.values())[:limit]
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        out.print("no stories" + (f" mention {entity!r}" if entity else "") + "; stories are made at ingest")
        return
    for s in rows:
        head = f"[bold]{s['id']}[/]  {s['level']:<7} {_span(s)}  {s['documents']} docs  {_langs(s)}"
        if s["level"] == "thread":
            head += f"  {s.get('episodes', 0)} episodes"
        out.print(head)
        out.print(f"    {escape(_title(s, lang)[:TITLE_CHARS])}")
        if s["outlets"]:
            out.print(f"    [dim]outlets: {escape(', '.join(s['outlets'][:6]))}[/]")
        if s["level"] == "thread" and level == "thread":
            story = get_story(store, s["id"]) or {"episodes": []}
            for ep in story["episodes"]:
                out.print(
                    f"    · {_span(ep):<24} {ep['documents']:>3} docs  {_langs(ep):<8}"
                    f" {escape(_title(ep, lang)[:TITLE_CHARS])}  [dim]{ep['id']}[/]"
                )


@app.command("story")
def story_cmd(
    story_id: Annotated[
        str, typer.Argument(metavar="ID", help="A story id (or a unique prefix), or a document id.")
    ],
    db: DbOption = None,
    lang: Annotated[str | None, typer.Option(help="Show titles in this language when there is one.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story as JSON.")] = False,
) -> None:
    """One story: its titles, span, languages, outlets and entities, and a timeline of its
    episodes, events and documents with dates and sources.

    Example: khabar story th-ff6d42c9a106 --db news.db
    """
    from khabar.views.stories import get_story, story_of

    store: Store = open_existing(config_for(db))
    story = get_story(store, story_id)
    if story is None:
        # A document id: show the thread (or episode) it belongs to.
        doc = store.get(story_id)
        owner = story_of(store, doc.id) if doc else None
        home = owner and (owner["thread"] or owner["episode"])
        story = get_story(store, home["id"]) if home else None
    if story is None:
        fail(f"no story or document with id {story_id!r}; 'khabar stories' lists stories", code=1)
    if as_json:
        out.print_json(json.dumps(story, ensure_ascii=False))
        return
    out.print(f"[bold]{escape(_title(story, lang))}[/]")
    out.print(
        f"id         {story['id']} ({story['level']})"
        + (f", in {story['parent']}" if story["parent"] else "")
    )
    out.print(f"span       {_span(story)}")
    out.print(f"documents  {len(story['documents'])} in {_langs(story)}")
    for other, title in story["title"].items():
        if title != _title(story, lang):
            out.print(f"title {other:<4} {escape(title)}")
    if story["outlets"]:
        out.print(f"outlets    {escape(', '.join(story['outlets']))}")
    if story["entities"]:
        names = ", ".join(f"{e['name']} ({e['documents']})" for e in story["entities"])
        out.print(f"entities   {escape(names)}")
    if story["events"]:
        out.print(f"events     {len(story['events'])}")
    docs = {d["id"]: d for d in story["documents"]}
    out.print("\n[bold]timeline[/]")
    events: dict[tuple[str, str], list[str]] = {}
    for item in story["timeline"]:
        if item["kind"] == "event":
            events.setdefault((item["date"] or "undated", item["label"]), []).append(item["id"])
    shown: set[tuple[str, str]] = set()
    for item in story["timeline"]:
        when = item["date"] or "undated"
        if item["kind"] == "episode":
            out.print(
                f"{when:<12} [bold]episode[/]  {escape(item['label'][:TITLE_CHARS])}  [dim]{item['id']}[/]"
            )
        elif item["kind"] == "event":
            # Events of one kind on one day are shown once, with how many there are.
            key = (when, item["label"])
            if key not in shown:
                shown.add(key)
                ids = events[key]
                count = f" ×{len(ids)}" if len(ids) > 1 else ""
                out.print(f"{when:<12}   event    {escape(item['label'])}{count}  [dim]{ids[0]}[/]")
        elif item["kind"] == "happening":
            line = item["label"].removeprefix(f"{when} · ")  # the date is the column
            out.print(f"{when:<12}   happening {escape(line)}  [dim]{item['id']}[/]")
        else:
            d = docs[item["id"]]
            source = d["outlet"] or d["url"] or Path(d["uri"]).name
            out.print(
                f"{when:<12}   {item['lang'] or '':<4} {escape(item['label'][:TITLE_CHARS])}"
                f"  [dim]{escape(source)} {item['id']}[/]"
            )


@app.command("relink")
def relink_cmd(db: DbOption = None, config_file: ConfigOption = None) -> None:
    """Run the cross-document linkers (events, duplicates, stories, happenings) over every stored document
    again, e.g. after an upgrade; stories are rebuilt from scratch.

    Example: khabar relink --db news.db
    """
    from khabar.errors import KhabarError
    from khabar.jobs import relink

    config = config_for(db, config_file)
    store = open_existing(config)
    try:
        with store.transaction():
            dropped = store.stories.reset()
        counts = relink(store, config)
    except KhabarError as exc:
        fail(str(exc))
    finally:
        store.close()
    err.print(f"rebuilt stories ({dropped} before)")
    for name, counters in counts.items():
        shown = ", ".join(f"{k} {v}" for k, v in counters.items()) or "nothing linked"
        out.print(f"{name}: {shown}")
