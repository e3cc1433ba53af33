"""What every ``khabar`` command module shares: the Typer apps, consoles, options and helpers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from khabar.cli.console import (
    EXIT_FAILURE,
    EXIT_TOO_MANY_REJECTS,
    EXIT_USAGE,
    MAX_LIMIT,
    MAX_OFFSET,
    err,
    failure,
    missing_store,
    out,
    print_error,
)
from khabar.config import Config, load_config
from khabar.errors import KhabarError

# The store (and what it pulls in) is imported when a command opens one, so `khabar --help`
# and a mistyped command never load it; the heavy stages are imported by the commands that
# run them (see docs/startup.md).
if TYPE_CHECKING:
    from khabar.store.base import Store

# The consoles, exit codes and bounds live in khabar.cli.console (no typer); re-exported here.
__all__ = [
    "EXIT_FAILURE",
    "EXIT_TOO_MANY_REJECTS",
    "EXIT_USAGE",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "ConfigOption",
    "DbOption",
    "app",
    "config_for",
    "err",
    "fail",
    "open_existing",
    "open_store",
    "out",
    "store_name",
    "store_opener",
]


class _OneLineErrors(TyperGroup):
    """Every command's failures as one ``error:`` line and a non-zero exit, never a traceback.

    A damaged database (``database disk image is malformed``, a locked or unreadable file) and
    an I/O error (a disk full, a folder that cannot be created) end the command with
    :data:`EXIT_FAILURE`; a :class:`KhabarError` that no command caught with :data:`EXIT_USAGE`.
    """

    def invoke(self, ctx: Any) -> Any:  # a Context of the click Typer bundles
        """Run the command, turning the failures above into a message and an exit code."""
        try:
            return super().invoke(ctx)
        except (sqlite3.DatabaseError, KhabarError, OSError) as exc:
            message, code = failure(exc) or (str(exc), EXIT_FAILURE)
            fail(message, code)


app = typer.Typer(
    help="Khabar: offline news intelligence for Urdu, Hindi and English.\n\n"
    "Example: khabar ingest ../shared/seeds --db news.db && khabar search شوئیگو --db news.db",
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=_OneLineErrors,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite database file, or a PostgreSQL store postgresql://user@host:port/dbname"
        " (default: per-user data dir; env KHABAR_DB).",
    ),
]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML config file.")]


def config_for(db: str | Path | None, config_file: Path | None = None, **overrides: Any) -> Config:
    try:
        return load_config(config_file, db=db, **overrides)
    except KhabarError as exc:
        fail(str(exc))


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``error: message`` and end the command with ``code``."""
    print_error(message)
    raise typer.Exit(code)


def open_store(config: Config) -> Store:
    """The store at ``config.db`` or ``config.db_url`` (created when missing), or a clear error
    and exit."""
    from khabar.store.factory import open_store as open_target

    try:
        return open_target(config.store)
    except KhabarError as exc:
        fail(str(exc))


def store_name(config: Config) -> str:
    """The store as messages name it (a PostgreSQL address without its password)."""
    if not config.db_url:
        return str(config.db)
    from khabar.store._pg import redact

    return redact(config.db_url)


def store_opener(config: Config) -> Callable[[], Store]:
    """A picklable function that opens the store of ``config`` again (in a worker process)."""
    from khabar.store.factory import open_store as open_target

    return partial(open_target, config.store)


def open_existing(config: Config) -> Store:
    """The store at ``config.db``, which must exist, or a clear error and exit."""
    missing = missing_store(config)
    if missing:
        fail(missing)
    return open_store(config)
