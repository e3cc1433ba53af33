"""Alerts on the web: the alerts page and each alert's page, its Atom feed, and ``/api/alerts``.

Making and deleting an alert needs the server's token (as uploads do): a form field on the pages,
``Authorization: Bearer …`` in the API. Opening an alert's page marks the items it shows read.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from khabar.alerts.rules import LANGUAGES, AlertError
from khabar.alerts.saved import create_alert
from khabar.api import data
from khabar.api.docrefs import document_refs
from khabar.api.feeds import alert_feed
from khabar.api.routes_api import Limit, Offset
from khabar.api.templating import open_store, templates
from khabar.api.upload import check_token, header_token
from khabar.events.ontology import EVENT_TYPES
from khabar.views.alerts import alert_record, item_records, list_alerts, what_matched

router = APIRouter()

AlertId = Annotated[int, Path(ge=1, le=2**62)]
#: Items shown on an alert's page and in its feed.
ITEMS = 100
FeedItems = Annotated[int, Query(ge=1, le=500)]


class NewAlert(BaseModel):
    """An alert to save: query text (a name in any script) and/or an entity, and filters."""

    query: str = Field("", max_length=500, description="Words or a name to watch for, in any script.")
    entity: str | None = Field(None, max_length=200, description="An entity id or name to watch for.")
    type: str | None = Field(
        None, max_length=40, description="Only documents with an event of this PLOVER type."
    )
    lang: str | None = Field(None, max_length=10, description="Only documents in this language (ur, hi, en).")
    webhook: str | None = Field(None, max_length=2000, description="POST each new item as JSON here.")
    name: str | None = Field(None, max_length=200, description="What to call the alert.")
    look_back: bool = Field(False, description="Match the documents already stored too, at the next check.")


def _save(request: Request, new: NewAlert) -> dict[str, Any]:
    with request.app.state.write_lock, open_store(request) as store:
        try:
            alert = create_alert(
                store,
                new.query,
                entity=new.entity,
                type=new.type,
                lang=new.lang,
                webhook=new.webhook,
                name=new.name,
                look_back=new.look_back,
            )
        except AlertError as exc:
            raise HTTPException(422, str(exc)) from exc
        return alert_record(alert)


def _alert_or_404(request: Request, alert_id: int) -> dict[str, Any]:
    with open_store(request) as store:
        alert = store.alerts.get(alert_id)
    if alert is None:
        raise HTTPException(404, f"no alert {alert_id}; /alerts lists them")
    return alert_record(alert)


# --- JSON ------------------------------------------------------------------------------------
@router.get("/api/alerts", tags=["alerts"], summary="Saved alerts with their unread and total item counts")
def api_alerts(request: Request, limit: Limit = data.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Alerts, oldest first: each one's rule (query, entities, type, language), webhook and counts
    (``items``, ``unread``, ``undelivered``)."""
    with open_store(request) as store:
        alerts = list_alerts(store)
    return data.page(alerts[offset : offset + limit], limit=limit, offset=offset, total=len(alerts))


@router.post("/api/alerts", tags=["write"], status_code=201, summary="Save an alert (needs the token)")
async def api_add_alert(request: Request, new: NewAlert) -> dict[str, Any]:
    """Saves an alert; it matches documents stored from now on (``look_back``: those stored too)."""
    check_token(request, header_token(request))
    return await run_in_threadpool(_save, request, new)


@router.get("/api/alerts/{alert_id}", tags=["alerts"], summary="One alert and its items, newest first")
def api_alert(
    request: Request,
    alert_id: AlertId,
    unread: bool = False,
    limit: Limit = data.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The alert (``alert``) and a page of its items (``items``), newest first: each with what
    matched and its document's title, outlet, date and language. Reading them here does not mark
    them read (the alert's page does)."""
    record = _alert_or_404(request, alert_id)
    with open_store(request) as store:
        items = item_records(store, alert_id, unread_only=unread, limit=limit + 1, offset=offset)
    return {"alert": record, **data.page(items, limit=limit, offset=offset)}


@router.delete("/api/alerts/{alert_id}", tags=["write"], summary="Delete an alert (needs the token)")
def api_remove_alert(request: Request, alert_id: AlertId) -> dict[str, Any]:
    """Deletes the alert and its items."""
    check_token(request, header_token(request))
    with request.app.state.write_lock, open_store(request) as store:
        if not store.alerts.remove(alert_id):
            raise HTTPException(404, f"no alert {alert_id}; /api/alerts lists them")
    return {"removed": alert_id}


# --- the feed --------------------------------------------------------------------------------
@router.get("/alerts/{alert_id}.atom", tags=["alerts"], summary="One alert's items as an Atom feed")
def alert_atom(request: Request, alert_id: AlertId, limit: FeedItems = ITEMS) -> Response:
    """The alert's newest items as Atom: one entry per document, linked to its page."""
    record = _alert_or_404(request, alert_id)
    with open_store(request) as store:
        items = item_records(store, alert_id, limit=limit)
    body = alert_feed(record, items, str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


# --- pages -----------------------------------------------------------------------------------
def _page(request: Request, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    with open_store(request) as store:
        alerts = list_alerts(store)
    full = {
        "alerts": alerts,
        "types": EVENT_TYPES,
        "languages": LANGUAGES,
        "form": {},
        "error": "",
        **context,
    }
    return templates.TemplateResponse(request, "alerts.html", full, status_code=status)


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request) -> HTMLResponse:
    """Alerts with their unread counts, and the form that saves a new one."""
    return _page(request, {})


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.post("/alerts", response_class=HTMLResponse, include_in_schema=False)
async def alerts_form(request: Request) -> Response:
    """Save an alert from the page's form (token in the form), then show it."""
    form = await request.form(max_files=0, max_fields=12)
    fields = {k: _field(form, k) for k in ("query", "entity", "type", "lang", "webhook", "name")}
    check_token(request, _field(form, "token") or header_token(request))
    new = NewAlert(
        query=fields["query"],
        entity=fields["entity"] or None,
        type=fields["type"] or None,
        lang=fields["lang"] or None,
        webhook=fields["webhook"] or None,
        name=fields["name"] or None,
        look_back=_field(form, "look_back") in ("1", "on", "true"),
    )
    try:
        record = await run_in_threadpool(_save, request, new)
    except HTTPException as exc:
        return _page(request, {"form": fields, "error": exc.detail}, status=exc.status_code)
    return RedirectResponse(f"/alerts/{record['id']}", status_code=303)


@router.get("/alerts/{alert_id}", response_class=HTMLResponse, include_in_schema=False)
def alert_page(request: Request, alert_id: AlertId) -> HTMLResponse:
    """One alert: its rule, feed and items, newest first (new ones marked; they are read now)."""
    record = _alert_or_404(request, alert_id)
    with open_store(request) as store:
        items = item_records(store, alert_id, limit=ITEMS)
        refs = document_refs(store, [i["doc_id"] for i in items])
    for item in items:
        item["document"] = refs.get(item["doc_id"])
    unread = [i["id"] for i in items if not i["read"]]
    if unread:
        with request.app.state.write_lock, open_store(request) as store:
            store.alerts.mark_read(alert_id, unread)
    for item in items:
        item["what"] = what_matched(item["matched"])
    return templates.TemplateResponse(request, "alert.html", {"alert": record, "items": items})


@router.post("/alerts/{alert_id}/remove", include_in_schema=False)
async def alert_remove_form(request: Request, alert_id: AlertId) -> Response:
    """Delete an alert from its page (token in the form)."""
    form = await request.form(max_files=0, max_fields=4)
    check_token(request, _field(form, "token") or header_token(request))
    with request.app.state.write_lock, open_store(request) as store:
        if not store.alerts.remove(alert_id):
            raise HTTPException(404, f"no alert {alert_id}; /alerts lists them")
    return RedirectResponse("/alerts", status_code=303)
