"""Untrusted text renders inert; the write endpoint needs the token; bodies are size-limited."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.middleware.trustedhost import TrustedHostMiddleware
from typer.testing import CliRunner

from khabar.api import create_app
from khabar.cli import serve as serve_module
from khabar.cli.main import app as cli_app
from khabar.store.sqlite import SQLiteStore
from tests.api.conftest import TOKEN, hostile_document

DANGEROUS = ("<script>alert", "<img src=x", 'onerror="alert', "<script>alert('title')", '"><script>')


def _assert_inert(html: str) -> None:
    for bad in DANGEROUS:
        assert bad not in html, bad
    # the only script elements are our own static file
    assert html.count("<script") == html.count('<script src="/static/khabar.js"')


def test_document_with_markup_renders_as_text(small_client: TestClient) -> None:
    doc_id = hostile_document().id
    response = small_client.get(f"/document/{doc_id}")
    assert response.status_code == 200
    html = response.text
    _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert 'data-entity="loc:tashkent"' in html  # highlighting still works around escaped text
    assert "&lt;script&gt;alert(&#39;removed&#39;)" in html  # removed boilerplate too


def test_search_and_listing_pages_escape_titles_and_snippets(small_client: TestClient) -> None:
    html = small_client.get("/search", params={"q": "Breaking"}).text
    assert "hit-term" in html
    _assert_inert(html)
    _assert_inert(small_client.get("/entity/loc:tashkent").text)
    _assert_inert(small_client.get("/search", params={"q": "<script>alert(1)</script>"}).text)


def test_security_headers(small_client: TestClient) -> None:
    for path in ("/", "/api/stats", "/static/khabar.css", "/nothing-here"):
        headers = small_client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_templates_hold_no_inline_script_or_style() -> None:
    folder = Path(__file__).resolve().parents[2] / "src" / "khabar" / "api" / "web" / "templates"
    for template in folder.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "<script>" not in text and "style=" not in text and " on" + "click=" not in text, template.name


def _upload(client: TestClient, name: str, body: bytes, token: str | None) -> object:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/api/ingest", files={"file": (name, io.BytesIO(body), "text/plain")}, headers=headers)


def test_upload_without_or_with_a_wrong_token_is_401(small_client: TestClient) -> None:
    for token in (None, "wrong"):
        response = _upload(small_client, "a.txt", "وزیر خارجہ تاشقند پہنچ گئیں۔\n".encode(), token)
        assert response.status_code == 401  # type: ignore[attr-defined]
        assert "token" in response.json()["detail"]  # type: ignore[attr-defined]
    form_token = small_client.post(
        "/api/ingest", files={"file": ("a.txt", io.BytesIO(b"x"), "text/plain")}, data={"token": "wrong"}
    )
    assert form_token.status_code == 401


def test_upload_with_token_ingests_and_is_idempotent(small_client: TestClient, small_db: Path) -> None:
    body = "روسی سلامتی کونسل کے سیکریٹری سرگئی شوئیگو پیانگ یانگ پہنچ گئے۔\n".encode()
    first = small_client.post(
        "/api/ingest",
        files={"file": ("../../etc/news ur.txt", io.BytesIO(body), "text/plain")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["read"] == 1 and report["stored"] == 1 and len(report["documents"]) == 1
    assert report["file"] == "news_ur.txt"
    saved = next((small_db.parent / "small.db.uploads").rglob("news_ur.txt"))
    assert saved.read_bytes() == body
    with SQLiteStore(small_db) as store:
        doc = store.get(report["documents"][0])
    assert doc is not None and doc.lang == "ur"
    again = small_client.post(
        "/api/ingest",
        files={"file": ("news ur.txt", io.BytesIO(body), "text/plain")},
        data={"token": TOKEN},
    )
    assert again.status_code == 200 and again.json()["already_stored"] == 1
    assert again.json()["documents"] == report["documents"]


def test_upload_of_50_mb_is_413_by_content_length(small_db: Path) -> None:
    app = create_app(small_db, token=TOKEN)  # the default limit
    with TestClient(app) as client:
        body = b"a" * (50 * 1024 * 1024)
        response = client.post(
            "/api/ingest",
            content=body,
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "multipart/form-data; boundary=x"},
        )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_streamed_upload_is_cut_off_while_reading(small_client: TestClient) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        head = b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
        yield head
        for _ in range(100):  # 100 KiB against a 4 KiB limit, with no Content-Length
            sent.append(1)
            yield b"b" * 1024

    response = small_client.post(
        "/api/ingest",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_oversized_form_without_header_token_is_413_not_read_whole(small_client: TestClient) -> None:
    response = _upload(small_client, "big.txt", b"c" * 10_000, None)
    assert response.status_code == 413  # type: ignore[attr-defined]


def test_serve_binds_loopback_by_default_and_prints_the_url_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, object]] = []
    apps: list[Any] = []

    def fake_run(app: object, **kwargs: object) -> None:
        calls.append(kwargs)
        apps.append(app)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("KHABAR_TOKEN", raising=False)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "new.db"), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Khabar UI: http://127.0.0.1:8765/"
    assert "upload token" in result.output
    assert calls == [{"host": "127.0.0.1", "port": 8765, "log_level": "warning", "server_header": False}]
    assert any(m.cls is TrustedHostMiddleware for m in apps[0].user_middleware)
    env = CliRunner().invoke(
        cli_app, ["serve", "--db", str(tmp_path / "new.db")], env={"KHABAR_TOKEN": "from-env"}
    )
    assert env.exit_code == 0 and "upload token" not in env.output


def test_loopback_names() -> None:
    assert serve_module.is_loopback("127.0.0.1") and serve_module.is_loopback("::1")
    assert serve_module.is_loopback("localhost")
    assert not serve_module.is_loopback("0.0.0.0") and not serve_module.is_loopback("192.168.1.4")
    assert serve_module.ui_url("::1", 80) == "http://[::1]:80/"


def test_loopback_server_refuses_foreign_host_headers(small_db: Path) -> None:
    app = create_app(small_db, token=TOKEN, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/stats").status_code == 200
        assert client.get("/api/stats", headers={"Host": "evil.example"}).status_code == 400
