"""schemathesis over every operation of the app: no generated request gets a response ≥ 500.

Two schemas, both run in-process over ASGI against a copy of the seed store (issue 16):

- the app's own OpenAPI (``/openapi.json``: the JSON API, uploads and alerts included, with the
  upload token sent so that ``POST /api/ingest`` runs the ingest job on what it is sent);
- the analyst pages, which the app leaves out of its schema (``include_in_schema=False``): the
  same routes are described by FastAPI's generator and fuzzed the same way, so every query and
  path parameter of every HTML page gets hypothesis-generated values too.

Generation is derandomised and bounded (``EXAMPLES`` per operation) so the run is repeatable and
takes well under a minute; only ``not_a_server_error`` is checked (conformance of the answers to
the schema is tested elsewhere).
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from khabar.api import create_app
from tests.api.conftest import TOKEN

EXAMPLES = int(os.environ.get("KHABAR_SCHEMATHESIS_EXAMPLES", "12"))
HEADERS = {"Authorization": f"Bearer {TOKEN}"}


def _routes(app: FastAPI) -> Iterator[Any]:
    """Every route of ``app``, routers included by ``include_router`` unwrapped."""
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        yield from (inner.routes if inner is not None else [route])


def page_schema(app: FastAPI) -> dict[str, Any]:
    """An OpenAPI document of the routes the app keeps out of its own schema (the HTML pages)."""
    hidden = []
    for route in _routes(app):
        if isinstance(route, APIRoute) and not route.include_in_schema:
            shown = copy.copy(route)
            shown.include_in_schema = True
            hidden.append(shown)
    return get_openapi(title="Khabar pages", version="1", routes=hidden)


def _operations(schema: dict[str, Any]) -> list[tuple[str, str]]:
    return [(method.upper(), path) for path, ops in schema["paths"].items() for method in ops]


_PLAIN = create_app(Path("unused.db"))
API_OPERATIONS = _operations(_PLAIN.openapi())
PAGE_OPERATIONS = _operations(page_schema(_PLAIN))


@pytest.fixture(scope="module")
def fuzz_app(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The app over a copy of the seed store (uploads and alerts write to it)."""
    db = tmp_path_factory.mktemp("schemathesis") / "seeds.db"
    shutil.copy(seeds_db, db)
    return create_app(db, token=TOKEN)


@pytest.fixture(scope="module")
def api_schema(fuzz_app: FastAPI) -> Any:
    """The app's own OpenAPI, loaded through the app."""
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


@pytest.fixture(scope="module")
def pages_schema(fuzz_app: FastAPI) -> Any:
    """The HTML pages' generated schema, bound to the app."""
    loaded = schemathesis.openapi.from_dict(page_schema(fuzz_app))
    loaded.app = fuzz_app
    return loaded


@pytest.fixture(autouse=True)
def _light_linkers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Uploads run the ingest job; the duplicates linker's embedding model costs ~30 s to load.
    monkeypatch.setenv("KHABAR_LINKS", "events,stories")


def _no_server_error(schema: Any, method: str, path: str) -> None:
    operation = schema[path][method]

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(headers=HEADERS)
        assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
        case.validate_response(response, checks=[not_a_server_error], headers=HEADERS)

    run()


@pytest.mark.parametrize(("method", "path"), API_OPERATIONS, ids=[f"{m} {p}" for m, p in API_OPERATIONS])
def test_api_operation_has_no_server_error(api_schema: Any, method: str, path: str) -> None:
    _no_server_error(api_schema, method, path)


@pytest.mark.parametrize(("method", "path"), PAGE_OPERATIONS, ids=[f"{m} {p}" for m, p in PAGE_OPERATIONS])
def test_page_has_no_server_error(pages_schema: Any, method: str, path: str) -> None:
    _no_server_error(pages_schema, method, path)


def test_every_route_is_fuzzed() -> None:
    """A new route lands in one of the two schemas (else it would go unfuzzed)."""
    covered = {path for _, path in API_OPERATIONS + PAGE_OPERATIONS}
    routed = {r.path for r in _routes(_PLAIN) if isinstance(r, APIRoute)}
    assert routed <= covered, routed - covered
