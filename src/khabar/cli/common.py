"""What every ``khabar`` command module shares: the Typer apps, consoles, options and helpers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from khabar.config import Config, load_config
from khabar.errors import KhabarError

# The store (and what it pulls in) is imported when a command opens one, so `khabar --help`
# and a mistyped command never load it; the heavy stages are imported by the commands that
# run them (see docs/startup.md).
if TYPE_CHECKING:
    from khabar.store.base import Store

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Exit codes: what a script calling khabar can rely on.
EXIT_FAILURE = 1  # the command could not finish: a damaged database, a file it cannot write
EXIT_USAGE = 2  # bad arguments, missing path, unusable database
EXIT_TOO_MANY_REJECTS = 3  # the run finished but more than --max-reject-share was set aside

#: Bounds of every --limit and --offset: far beyond any store, well inside SQLite's integers.
MAX_LIMIT = 100_000
MAX_OFFSET = 10**9


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
        except sqlite3.DatabaseError as exc:
            fail(
                f"the database cannot be read: {exc} (is it damaged? try a copy, or a new --db)", EXIT_FAILURE
            )
        except KhabarError as exc:
            fail(str(exc))
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail(f"cannot read or write{where}: {exc.strerror or exc}", EXIT_FAILURE)


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
    err.print(f"[bold red]error:[/] {escape(message)}")
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
    if not config.db_url and not config.db.exists():
        fail(f"no database at {config.db}; run 'khabar ingest PATH --db {config.db}' first")
    return open_store(config)
