"""``khabar serve``: the HTTP API and web UI."""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import threading
from typing import TYPE_CHECKING, Annotated, Any

import typer

from khabar.cli.common import ConfigOption, DbOption, app, config_for, err, fail, open_store, out, store_name
from khabar.errors import MissingExtraError
from khabar.optional import Requirement

if TYPE_CHECKING:
    from khabar.config import Config

#: What ``khabar serve`` needs beyond the core install.
REQUIRES = Requirement("web", ("fastapi", "uvicorn", "jinja2"))

LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})
# Host headers a loopback server answers; anything else is a page elsewhere using DNS rebinding.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ui_url(host: str, port: int) -> str:
    """The address to open in a browser (IPv6 hosts in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


@app.command()
def serve(
    db: DbOption = None,
    config_file: ConfigOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; keep the loopback default unless others must connect.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="KHABAR_TOKEN",
            help="Token for uploads (POST /api/ingest); made up and printed if not given.",
        ),
    ] = None,
    max_upload_mb: Annotated[float, typer.Option(min=0.001, help="Largest upload accepted, in MiB.")] = 20.0,
    watch: Annotated[
        bool, typer.Option("--watch", help="Also watch the sources (khabar sources) while serving.")
    ] = False,
    delay: Annotated[
        float | None,
        typer.Option("--delay", min=0.0, help="With --watch: least seconds between requests to a host."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes answering requests (one per core for many readers; each keeps "
            "its own open stores).",
        ),
    ] = 1,
) -> None:
    """Serve the analyst web UI and the HTTP API (OpenAPI at /docs) over a store.

    Example: khabar serve --db news.db --port 8000
    """
    try:
        REQUIRES.require()
    except MissingExtraError as exc:
        fail(str(exc))
    import uvicorn

    from khabar.api import create_app
    from khabar.api.app import SETTINGS_VARIABLE

    config = config_for(db, config_file)
    out.print(f"Khabar UI: {ui_url(host, port)}", highlight=False)
    if not config.db_url and not config.db.exists():
        err.print(
            f"no database at {config.db}; starting with an empty one (upload files or run khabar ingest)"
        )
    open_store(config).close()  # create or migrate now, so a bad file fails here and not per request
    made_up = token is None
    token = token or secrets.token_urlsafe(18)
    allowed_hosts = [*LOOPBACK_HOSTS, host] if is_loopback(host) else None
    max_upload_bytes = int(max_upload_mb * 2**20)
    application: Any
    if workers == 1:
        application = create_app(
            config.store,
            token=token,
            max_upload_bytes=max_upload_bytes,
            allowed_hosts=allowed_hosts,
            warm=True,
        )
        application.state.config = config
    else:  # uvicorn starts each worker afresh and builds the app there by name
        os.environ[SETTINGS_VARIABLE] = json.dumps(
            {
                "db": str(config.store),
                "config_file": str(config_file) if config_file else None,
                "token": token,
                "max_upload_bytes": max_upload_bytes,
                "allowed_hosts": allowed_hosts,
            }
        )
        application = "khabar.api.app:app_from_environment"
    out.print(f"API docs:  {ui_url(host, port)}docs   store: {store_name(config)}", highlight=False)
    if made_up:
        out.print(f"upload token (also settable with --token or KHABAR_TOKEN): {token}", highlight=False)
    if not is_loopback(host):
        err.print(
            f"warning: listening on {host}, reachable from other machines; uploads still need the token"
        )
    stop_watch = _start_watch(config, delay) if watch else None
    try:
        several: dict[str, Any] = {"factory": True, "workers": workers} if workers > 1 else {}
        uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False, **several)
    except OSError as exc:  # pragma: no cover - port in use and similar
        fail(f"cannot listen on {host}:{port} ({exc}); pick another --port")
    finally:
        if stop_watch is not None:
            stop_watch.set()


def _start_watch(config: Config, delay: float | None) -> threading.Event:
    """Start watching the store's sources in the background; the event stops the watch."""
    from khabar.cli.watch import fetch_policy, warc_dir
    from khabar.monitor import WatchOptions, watch_in_thread
    from khabar.store.factory import open_store as open_target

    with open_store(config) as store:
        count = len(store.sources.all())
    if not count:
        err.print("warning: --watch, but no sources yet; add some with khabar sources add URL (then restart)")
    options = WatchOptions(policy=fetch_policy(None, delay), warc_dir=warc_dir(config))
    _, stop = watch_in_thread(
        lambda: open_target(config.store),
        config,
        options,
        on_error=lambda exc: err.print(f"watch: a round failed ({type(exc).__name__}: {exc}); going on"),
    )
    out.print(f"watching {count} sources in the background", highlight=False)
    return stop
