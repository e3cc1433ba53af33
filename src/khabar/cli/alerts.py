"""``khabar alerts``: saved searches checked after every ingest and watch batch.

``khabar alerts`` lists them with unread counts; ``add``, ``remove``, ``check`` and ``items`` are
thin commands over :mod:`khabar.alerts` and :mod:`khabar.views.alerts`.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape

from khabar.cli.common import DbOption, app, config_for, fail, open_existing, open_store, out
from khabar.errors import KhabarError

alerts_app = typer.Typer(
    help="Saved searches: each new document that matches one becomes an item (and a webhook POST)."
    " Example: khabar alerts add Shoigu --type CONSULT --db news.db",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(alerts_app, name="alerts")

#: Characters of a title shown per item.
TITLE_CHARS = 70


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the alerts as JSON.")] = False,
) -> None:
    """List the saved alerts with their unread and total item counts.

    Example: khabar alerts --db news.db
    """
    if ctx.invoked_subcommand is not None:
        return
    from khabar.views.alerts import list_alerts

    rows = list_alerts(open_existing(config_for(db)))
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        out.print("no alerts; add one with: khabar alerts add QUERY [--type TYPE] [--lang LANG]")
        return
    for row in rows:
        out.print(f"[bold]{row['id']:>3}[/]  {row['unread']:>3} unread / {row['items']:<3} {_rule(row)}")


def _rule(row: dict[str, Any]) -> str:
    parts = [f"[bold]{escape(row['name'])}[/]"]
    if row["query"]:
        parts.append(escape(f"query {row['query']!r}"))
    if row["entities"]:
        parts.append(escape("entities " + ", ".join(f"{e['name']} ({e['id']})" for e in row["entities"])))
    parts += [
        escape(f"{label} {row[key]}") for key, label in (("type", "type"), ("lang", "lang")) if row[key]
    ]
    if row["webhook"]:
        pending = f", {row['undelivered']} to post" if row["undelivered"] else ""
        parts.append(escape(f"webhook {row['webhook']}{pending}"))
    return "  ".join(parts)


@alerts_app.command("add")
def add(
    query: Annotated[str, typer.Argument(help="Words or a name to watch for, in any script.")] = "",
    db: DbOption = None,
    entity: Annotated[
        str | None, typer.Option(help="An entity id or name the document must mention (or the query).")
    ] = None,
    event_type: Annotated[
        str | None,
        typer.Option("--type", help="Only documents with an event of this PLOVER type (CONSULT…)."),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Only documents in this language (ur, hi, en).")] = None,
    webhook: Annotated[
        str | None, typer.Option(help="POST each new item as JSON to this http(s) URL.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="What to call the alert (default: its rule).")] = None,
    look_back: Annotated[
        bool, typer.Option("--look-back", help="Match the documents already stored too, at the next check.")
    ] = False,
) -> None:
    """Save an alert. It matches documents stored from now on; a query naming a known entity
    matches its mentions in every script ("Shoigu" finds شوئیگو and शोइगु).

    Example: khabar alerts add Shoigu --type CONSULT --lang ur --db news.db
    """
    from khabar.alerts.saved import create_alert
    from khabar.views.alerts import alert_record

    store = open_store(config_for(db))
    try:
        alert = create_alert(
            store,
            query,
            entity=entity,
            type=event_type,
            lang=lang,
            webhook=webhook,
            name=name,
            look_back=look_back,
        )
    except KhabarError as exc:
        fail(str(exc))
    out.print(f"alert {alert.id} saved: {_rule(alert_record(alert))}")


@alerts_app.command("remove")
def remove(alert_id: Annotated[int, typer.Argument(help="The alert's id.")], db: DbOption = None) -> None:
    """Delete an alert and its items.

    Example: khabar alerts remove 2 --db news.db
    """
    store = open_existing(config_for(db))
    if not store.alerts.remove(alert_id):
        fail(f"no alert {alert_id}; 'khabar alerts' lists them")
    out.print(f"alert {alert_id} removed")


@alerts_app.command("check")
def check(
    db: DbOption = None,
    deliver: Annotated[bool, typer.Option(help="POST new items to the alerts' webhooks.")] = True,
) -> None:
    """Match the stored documents no alert has seen yet, then post undelivered items to webhooks
    (ingest does both after every batch; run this after a webhook was down).

    Example: khabar alerts check --db news.db
    """
    from khabar.alerts.check import check_alerts
    from khabar.alerts.deliver import deliver_pending

    store = open_existing(config_for(db))
    report = check_alerts(store)
    per_alert = ", ".join(f"alert {a}: {len(ids)}" for a, ids in sorted(report.items.items()))
    out.print(
        f"checked {report.documents} documents: {report.new_items} new items"
        + (f" ({per_alert})" if per_alert else "")
    )
    if deliver:
        sent = deliver_pending(store)
        if sent.delivered or sent.failed:
            out.print(f"posted {len(sent.delivered)} items, {len(sent.failed)} failed")
        for item_id, error in sent.failed.items():
            out.print(escape(f"  item {item_id}: {error} (tried again at the next check)"))


@alerts_app.command("items")
def items(
    alert_id: Annotated[int, typer.Argument(help="The alert's id.")],
    db: DbOption = None,
    unread: Annotated[bool, typer.Option("--unread", help="Only items not read yet.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many items.")] = 50,
    keep_unread: Annotated[bool, typer.Option("--keep-unread", help="Do not mark them read.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the items as JSON.")] = False,
) -> None:
    """An alert's items, newest first: the document (title, outlet, date, language) and what
    matched. The items shown are marked read.

    Example: khabar alerts items 1 --db news.db
    """
    from khabar.views.alerts import item_records, what_matched

    store = open_existing(config_for(db))
    if store.alerts.get(alert_id) is None:
        fail(f"no alert {alert_id}; 'khabar alerts' lists them")
    rows = item_records(store, alert_id, unread_only=unread, limit=limit)
    if not keep_unread and rows:
        store.alerts.mark_read(alert_id, [r["id"] for r in rows])
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        out.print(f"alert {alert_id} has no {'unread ' if unread else ''}items")
        return
    for row in rows:
        doc = row["document"] or {}
        new = "[bold]new[/] " if not row["read"] else "    "
        meta = " ".join(str(doc[k]) for k in ("outlet", "published") if doc.get(k))
        title = (doc.get("title") or "").replace("\n", " ")[:TITLE_CHARS]
        out.print(f"{new}{row['doc_id']} " + escape(f"[{doc.get('lang') or '?'}] {meta}  {title}"))
        out.print("      " + escape(what_matched(row["matched"])))
        snippet = row["matched"].get("snippet")
        if snippet:
            out.print("      " + escape(snippet))
