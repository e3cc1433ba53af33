"""One typed configuration object, layered: defaults → config file → environment → CLI flags."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

from khabar.errors import ConfigError

ENV_PREFIX = "KHABAR_"

# 5 MiB: a long news page is ~100 KB of text even with inline markup; anything larger is a
# dump, a book or a mistake, and decoding it would stall the batch.
DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

# Documents written to SQLite per transaction: 500 keeps a crash from losing much work
# while making commit cost negligible per document (measured in bench/run.py).
DEFAULT_BATCH_SIZE = 500

#: Seconds per document in the stages (issue 16); the same number as khabar.budget's default.
DEFAULT_DOCUMENT_SECONDS = 10


def default_db_path() -> Path:
    """The per-user database file used when no --db is given."""
    return Path(user_data_dir("khabar", appauthor=False)) / "khabar.db"


#: Address schemes of a shared store server (``--db postgresql://user@host:port/dbname``).
STORE_URL_SCHEMES = ("postgresql://", "postgres://")


def is_store_url(value: str | Path) -> bool:
    """Whether a ``--db`` value is a PostgreSQL address rather than an SQLite file."""
    return isinstance(value, str) and value.startswith(STORE_URL_SCHEMES)


def default_eval_root() -> Path:
    """``../shared/eval`` beside the project: the folder every ``khabar eval`` and ``khabar train``
    command reads unless given another.

    Found from the working directory it stays the relative ``../shared/eval``, so reports name
    it as a user types it; otherwise it is the folder beside this checkout.
    """
    here = Path("..") / "shared" / "eval"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "shared" / "eval"


def default_config_path() -> Path:
    """The per-user config file read when it exists."""
    return Path(user_config_dir("khabar", appauthor=False)) / "config.toml"


@dataclass(frozen=True)
class Config:
    """Every setting Khabar reads. Build it with :func:`load_config`."""

    db: Path = Path()
    #: A PostgreSQL store's address; when set it is the store, and ``db`` only names where
    #: local files that sit beside a store (the watch's WARC, uploads) go.
    db_url: str = ""
    stages: tuple[str, ...] = (
        "page_kind",
        "clean",
        "langid",
        "normalize",
        "metadata",
        "outlet",
        "entities",
        "time",
        "events",
    )
    # Cross-document linkers, in order.
    links: tuple[str, ...] = ("events", "duplicates", "stories", "happenings")
    strict: bool = False
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    #: CPU seconds one document may spend in the stages (0: no limit); past it the
    #: document is a ``too_slow`` reject, and the HTML extraction runs in a worker it can stop.
    document_seconds: int = DEFAULT_DOCUMENT_SECONDS

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given non-None values replaced (how CLI flags are applied). A ``db``
        that is a PostgreSQL address sets ``db_url`` (and ``db`` to a local file named after
        it); a file path clears ``db_url``."""
        values = {k: v for k, v in overrides.items() if v is not None}
        db = values.get("db")
        if db is not None:
            if is_store_url(str(db)):
                values["db_url"] = str(db)
                values["db"] = Path(user_data_dir("khabar", appauthor=False)) / _url_file(str(db))
            else:
                values.setdefault("db_url", "")
        return replace(self, **{k: _coerce(k, v) for k, v in values.items()})

    @property
    def store(self) -> str | Path:
        """What opens the store: the PostgreSQL address, or the SQLite file."""
        return self.db_url or self.db


def _url_file(url: str) -> str:
    """A local file name for a PostgreSQL address (``host-port-dbname.db``), password left out."""
    rest = url.split("//", 1)[-1]
    rest = rest.rsplit("@", 1)[-1].split("?", 1)[0]
    return "pg-" + "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in rest).strip("-") + ".db"


def _coerce(name: str, value: Any) -> Any:
    kinds = {f.name: f.type for f in fields(Config)}
    if name not in kinds:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(kinds))}")
    kind = str(kinds[name])
    try:
        if kind == "Path":
            return Path(value).expanduser()
        if kind == "bool":
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if kind == "int":
            return int(value)
        if kind.startswith("tuple"):
            items = value.split(",") if isinstance(value, str) else value
            return tuple(str(s).strip() for s in items if str(s).strip())
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} has a bad value {value!r}: {exc}") from exc
    return value


def load_config(
    path: Path | None = None,
    env: Mapping[str, str] | None = None,
    **cli: Any,
) -> Config:
    """Defaults, then the TOML file (``path`` or the per-user one), then ``KHABAR_*`` env, then CLI."""
    config = Config(db=default_db_path())
    file = path or Path(os.environ.get(ENV_PREFIX + "CONFIG", "") or default_config_path())
    if path is not None and not file.exists():
        raise ConfigError(f"config file {file} does not exist")
    if file.is_file():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {file}: {exc}") from exc
        config = config.with_overrides(**data.get("khabar", data))
    environ = os.environ if env is None else env
    from_env = {
        f.name: environ[ENV_PREFIX + f.name.upper()]
        for f in fields(Config)
        if ENV_PREFIX + f.name.upper() in environ
    }
    return config.with_overrides(**from_env).with_overrides(**cli)
