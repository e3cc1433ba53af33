"""``POST /api/ingest``: a token-guarded, size-limited upload that runs the ingest job."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from khabar.api.docrefs import document_refs
from khabar.api.safety import BodyTooLarge, too_large_detail
from khabar.config import Config, is_store_url, load_config

router = APIRouter(prefix="/api", tags=["write"])

# Characters kept in a stored upload's file name; the ending matters (it picks the reader).
UNSAFE_NAME = re.compile(r"[^\w.\-]+")
COPY_CHUNK = 1 << 20
#: Documents of an upload named by title in its answer (``document_refs``); all are in ``documents``.
SHOWN_DOCUMENTS = 200

UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A .txt, .html, .warc[.gz] or .jsonl file.",
                        },
                        "token": {
                            "type": "string",
                            "description": "The server's token, when not sent as 'Authorization: Bearer …'.",
                        },
                    },
                }
            }
        },
    },
    "responses": {
        "401": {"description": "Missing or wrong token."},
        "413": {"description": "The upload is over the server's size limit."},
        "422": {"description": "No file in the form."},
    },
}


def header_token(request: Request) -> str | None:
    """The token sent as ``Authorization: Bearer T`` or ``X-Khabar-Token: T``, if any."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-khabar-token")


def check_token(request: Request, given: str | None) -> None:
    """401 unless ``given`` is the server's token (compared in constant time)."""
    expected: str = request.app.state.token
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this endpoint needs the server's token: send 'Authorization: Bearer TOKEN' (khabar serve prints"
            " it at start)",
            headers={"WWW-Authenticate": "Bearer"},
        )


def safe_name(name: str | None) -> str:
    """A file name without folders or odd characters, keeping its ending (``upload.txt`` when empty)."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = UNSAFE_NAME.sub("_", base).strip("._")
    return cleaned[:120] or "upload.txt"


def uploads_dir(db_path: str) -> Path:
    """Where uploaded files are kept: a folder beside the database (``news.db.uploads``); for a
    PostgreSQL store, beside the local file its configuration names."""
    db = load_config(db=db_path).db if is_store_url(db_path) else Path(db_path)
    return db.with_name(db.name + ".uploads")


async def save_upload(upload: UploadFile, folder: Path) -> Path:
    """Copy an upload to ``folder/<content hash>/<name>``: the same file uploaded twice gets the same
    path, so ingest recognises it as already stored."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".part-", delete=False) as tmp:
        while chunk := await upload.read(COPY_CHUNK):
            digest.update(chunk)
            tmp.write(chunk)
    target = folder / digest.hexdigest()[:16] / safe_name(upload.filename)
    target.parent.mkdir(exist_ok=True)
    Path(tmp.name).replace(target)
    return target


@router.post(
    "/ingest", summary="Upload a text, HTML, WARC or JSONL file and ingest it", openapi_extra=UPLOAD_SCHEMA
)
async def ingest_upload(request: Request) -> dict[str, Any]:
    """Runs the ingest job on the uploaded file and returns its report (read, stored, rejected by reason).

    Needs the server's token. Bodies over the size limit get 413 as soon as that is known.
    """
    given = header_token(request)
    if given is not None:
        check_token(request, given)  # refuse before reading the body
    try:
        form = await request.form(max_files=1, max_fields=4)
    except BodyTooLarge as exc:
        raise HTTPException(413, too_large_detail(exc.limit)) from exc
    except Exception as exc:  # a malformed multipart body
        raise HTTPException(
            400, f"could not read the form ({exc}); send multipart/form-data with a 'file' field"
        ) from exc
    try:
        if given is None:
            field = form.get("token")
            check_token(request, field if isinstance(field, str) else None)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "no file in the form; send multipart/form-data with a 'file' field")
        path = await save_upload(upload, uploads_dir(request.app.state.db_path))
    finally:
        await form.close()
    db_path = request.app.state.db_path
    config: Config = getattr(request.app.state, "config", None) or load_config(
        db=db_path if is_store_url(db_path) else Path(db_path)
    )
    report = await run_in_threadpool(_ingest, request, path, config)
    return {"file": path.name, **report}


def _ingest(request: Request, path: Path, config: Config) -> dict[str, Any]:
    from khabar.jobs import ingest
    from khabar.store.factory import open_store

    with request.app.state.write_lock, open_store(request.app.state.db_path) as store:
        report = ingest([str(path)], store, config)
        # Every accepted document read from this file, stored now or by an earlier upload of it
        # (containers name their records uri#record).
        ids = store.ids_from_source(os.path.abspath(path))
        # What the upload page names them by (title, outlet, day, language), for the first ones.
        refs = document_refs(store, ids[:SHOWN_DOCUMENTS])
    return {**asdict(report), "documents": ids, "document_refs": [refs[i] for i in ids if i in refs]}
