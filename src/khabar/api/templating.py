"""Jinja2 templates with autoescaping on, and the helpers the pages use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from khabar.api.highlight import Span, bracket_snippet, entity_href, excerpt, html_lang, render, text_dir
from khabar.store.base import Store
from khabar.views.entities import entity_name

TEMPLATES = Path(__file__).parent / "web" / "templates"


def as_list(value: Any) -> list[Any]:
    """A list from a list, a single value, or None (links in records come in either form)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v is not None]
    return [value]


def titles(value: Any, lang: str = "") -> list[tuple[str, str]]:
    """(language, text) pairs of a title that is either a string (in ``lang``) or a dict by language."""
    if isinstance(value, dict):
        return [(str(k), str(v)) for k, v in value.items() if v]
    return [(lang or "", str(value))] if value else []


def ref(value: Any) -> tuple[str, str] | None:
    """(entity id, display name) from an id or an ``{"id", "name"}`` record; None for nothing."""
    if isinstance(value, dict):
        ident = value.get("id")
        return (str(ident), str(value.get("name") or entity_name(ident))) if ident else None
    return (str(value), entity_name(str(value))) if value else None


def evidence_html(item: dict[str, Any]) -> Markup:
    """An evidence sentence with its trigger marked, when the trigger lies inside it; escaped."""
    text = str(item.get("text") or "")
    start = item.get("start")
    trig_start, trig_end = item.get("trigger_start"), item.get("trigger_end")
    if isinstance(start, int) and isinstance(trig_start, int) and isinstance(trig_end, int):
        a, b = trig_start - start, trig_end - start
        if 0 <= a < b <= len(text):
            return render(text, [Span(a, b, "event", {"class": "event"})])
    return Markup(escape(text))


def url_quote(value: Any) -> str:
    """A value made safe as one URL path segment or query value."""
    return quote(str(value), safe="")


def query_string(params: dict[str, Any]) -> str:
    """A query string from the non-empty values of ``params``."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


templates = Jinja2Templates(directory=str(TEMPLATES))
# Jinja2Templates turns autoescaping on for .html; say so explicitly: article text is untrusted.
templates.env.autoescape = True
templates.env.globals.update(
    text_dir=text_dir,
    html_lang=html_lang,
    entity_href=entity_href,
    excerpt=excerpt,
    bracket_snippet=bracket_snippet,
    as_list=as_list,
    titles=titles,
    ref=ref,
    entity_name=entity_name,
    evidence_html=evidence_html,
)
templates.env.filters["q"] = url_quote
templates.env.filters["urlencode_dict"] = query_string


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """A store for this request: an SQLite store kept open between requests (lent by the app's
    :class:`khabar.store.reuse.StorePool`, its page cache warm); a PostgreSQL one goes back to
    its own pool after the request."""
    with request.app.state.stores.lend(request.app.state.db_path) as store:
        yield store
