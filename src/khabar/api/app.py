"""The FastAPI application: JSON API under ``/api``, analyst pages, static files, error handling."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from khabar.api.safety import BodyLimit, SecurityHeaders
from khabar.api.templating import templates
from khabar.store.reuse import StorePool

WEB = Path(__file__).parent / "web"

# 20 MiB: a WARC of a few hundred pages or a JSONL batch fits; the 5 MiB per-document limit
# of ingest still applies inside it. Anything bigger belongs on the command line (khabar ingest).
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Where ``khabar serve --workers N`` leaves the app's settings for its worker processes, which
# uvicorn starts afresh and which build the app by name (app_from_environment).
SETTINGS_VARIABLE = "KHABAR_SERVE_SETTINGS"


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allowed_hosts: Sequence[str] | None = None,
    warm: bool = False,
) -> FastAPI:
    """The Khabar app over the store at ``db_path`` (an SQLite file or a ``postgresql://`` address).

    With ``warm``, the server compiles every page template and loads the entity names at start-up
    (:func:`warm_up`), so no analyst's first request pays for them while the others wait.

    ``token`` guards ``POST /api/ingest`` (a random one is made when None; read it from
    ``app.state.token``); request bodies over ``max_upload_bytes`` get 413. With ``allowed_hosts``,
    requests naming any other Host get 400 (a page on another site cannot reach a loopback server
    through DNS rebinding).
    """
    from khabar.api import routes_alerts, routes_api, routes_happenings, routes_pictures, routes_web, upload

    app = FastAPI(
        title="Khabar",
        summary="Offline news intelligence for Urdu, Hindi and English: search, documents, entities, "
        "events, claims and stories.",
        version="1",
        docs_url=None,  # the stock Swagger page loads scripts from a CDN; /docs is our own page
        redoc_url=None,
        lifespan=_warming if warm else None,
    )
    app.state.db_path = str(db_path)
    app.state.stores = StorePool()  # SQLite stores kept open between requests
    app.state.token = token or secrets.token_urlsafe(24)
    app.state.max_upload_bytes = max_upload_bytes
    app.state.write_lock = threading.Lock()  # SQLite takes writes from one thread at a time
    app.include_router(routes_api.router)
    app.include_router(routes_happenings.router)
    app.include_router(upload.router)
    app.include_router(routes_alerts.router)
    app.include_router(routes_web.router)
    app.include_router(routes_pictures.router)
    app.include_router(routes_pictures.web)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def warm_up() -> None:
    """Compile every page template, load the entity names a search looks queries up in, and
    leave all that out of the garbage collector's full passes."""
    from khabar.views.entities import entity_ids

    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    entity_ids("warm")
    # What start-up made lives as long as the server; a full collection walking it took ~45 ms
    # (measured), a pause every request then in progress waits out.
    gc.freeze()


@contextlib.asynccontextmanager
async def _warming(app: FastAPI) -> AsyncIterator[None]:
    warm_up()
    yield


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``khabar serve --workers N``, from the settings the
    command left in ``KHABAR_SERVE_SETTINGS`` (JSON: ``db``, ``config_file``, ``token``,
    ``max_upload_bytes``, ``allowed_hosts``)."""
    from khabar.config import is_store_url, load_config

    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    config_file = settings.get("config_file")
    db = settings["db"]
    config = load_config(Path(config_file) if config_file else None, db=db if is_store_url(db) else Path(db))
    application = create_app(
        config.store,
        token=settings["token"],
        max_upload_bytes=settings["max_upload_bytes"],
        allowed_hosts=settings.get("allowed_hosts"),
        warm=True,
    )
    application.state.config = config
    return application


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path == "/openapi.json" or path.startswith("/static/"))


def _error_response(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_html(request):
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "detail": detail}, status_code=status, headers=headers
        )
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"nothing at {request.url.path}; the API lists its endpoints at /docs and /openapi.json"
    return _error_response(request, exc.status_code, detail, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return _error_response(request, 422, validation_message(exc.errors()))


def validation_message(errors: Any) -> str:
    """One sentence per bad parameter: where it is, what is wrong."""
    parts = []
    for error in errors:
        where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) + " (see /docs for the parameters each endpoint takes)"
