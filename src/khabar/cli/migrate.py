"""``khabar migrate``: copy an SQLite store into a PostgreSQL one."""

from __future__ import annotations

from typing import Annotated

import typer

from khabar.cli.common import app, fail, out


@app.command()
def migrate(
    source: Annotated[str, typer.Option("--from", help="The SQLite store to copy (a .db file).")],
    target: Annotated[
        str, typer.Option("--to", help="The empty PostgreSQL store: postgresql://user@host:port/dbname")
    ],
) -> None:
    """Copy a whole SQLite store (documents, rejects, runs, linkers' tables, stories, alerts,
    sources) into an empty PostgreSQL store.

    Example: khabar migrate --from news.db --to postgresql://khabar@db.example:5432/news
    """
    from khabar.config import is_store_url
    from khabar.errors import KhabarError
    from khabar.store.copy import copy_store

    if not is_store_url(target):
        fail(f"--to must be a postgresql:// address, not {target!r}")
    try:
        copied = copy_store(source, target)
    except KhabarError as exc:
        fail(str(exc))
    out.print(
        f"copied {copied.get('documents', 0)} documents, {copied.get('rejects', 0)} rejects and"
        f" {sum(copied.values())} rows in {len(copied)} tables from {source}",
        highlight=False,
    )
