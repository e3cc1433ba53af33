"""The consoles every ``khabar`` command prints to, and its one-line form of a failure.

Kept apart from :mod:`khabar.cli.common` (typer's app and options) so that the quick path of
:mod:`khabar.cli.launch` prints exactly as the typer commands do without importing typer.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from rich.console import Console

from khabar.errors import KhabarError

if TYPE_CHECKING:
    from khabar.config import Config

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Exit codes: what a script calling khabar can rely on.
EXIT_FAILURE = 1  # the command could not finish: a damaged database, a file it cannot write
EXIT_USAGE = 2  # bad arguments, missing path, unusable database
EXIT_TOO_MANY_REJECTS = 3  # the run finished but more than --max-reject-share was set aside

#: Bounds of every --limit and --offset: far beyond any store, well inside SQLite's integers.
MAX_LIMIT = 100_000
MAX_OFFSET = 10**9


def print_error(message: str) -> None:
    """Print ``error: message`` on standard error, as every command reports a failure."""
    from rich.markup import escape

    err.print(f"[bold red]error:[/] {escape(message)}")


def missing_store(config: Config) -> str | None:
    """What a command reading the store says when there is none at ``config.db``, else None."""
    if config.db_url or config.db.exists():
        return None
    return f"no database at {config.db}; run 'khabar ingest PATH --db {config.db}' first"


def failure(exc: BaseException) -> tuple[str, int] | None:
    """The message and exit code a command ends with on ``exc``, or ``None`` (not ours to word).

    A damaged database (``database disk image is malformed``, a locked or unreadable file) and
    an I/O error (a disk full, a folder that cannot be created) give :data:`EXIT_FAILURE`; a
    :class:`KhabarError` that no command caught gives :data:`EXIT_USAGE`.
    """
    if isinstance(exc, sqlite3.DatabaseError):
        return f"the database cannot be read: {exc} (is it damaged? try a copy, or a new --db)", EXIT_FAILURE
    if isinstance(exc, KhabarError):
        return str(exc), EXIT_USAGE
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot read or write{where}: {exc.strerror or exc}", EXIT_FAILURE
    return None
