"""Documents are named by title, outlet, day and language wherever a page refers to one."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from khabar.api.docrefs import document_refs
from khabar.document import Document, Segment, Source
from khabar.store.sqlite import SQLiteStore

#: A reference to a document that shows only its hex id.
BARE_ID = re.compile(r'href="/document/[0-9a-f]{16}[^"]*"[^>]*>(?:<code>)?[0-9a-f]{8,16}(?:</code>)?</a>')


def _titles(client: TestClient, seed_ids: dict[str, str]) -> dict[str, str]:
    return {doc_id: client.get(f"/api/documents/{doc_id}").json()["title"] for doc_id in seed_ids.values()}


def test_claims_name_their_documents_and_the_claims_they_answer(
    client: TestClient, seed_ids: dict[str, str]
) -> None:
    page = client.get("/claims").text
    assert 'class="claim-item"' in page
    assert not BARE_ID.search(page), BARE_ID.search(page)
    titles = _titles(client, seed_ids)
    named = set(re.findall(r'class="doc-link doc-title" href="/document/([0-9a-f]{16})#claim-\d+"', page))
    assert named and all(titles[d] for d in named)


def test_event_evidence_and_documents_are_named(client: TestClient, seed_ids: dict[str, str]) -> None:
    event = client.get("/api/events", params={"entity": "per:sergei-shoigu", "limit": 1}).json()["items"][0]
    page = client.get(f"/event/{event['id']}").text
    assert 'class="evidence-item"' in page and not BARE_ID.search(page)
    titles = _titles(client, seed_ids)
    for doc_id in event["documents"]:
        title = titles[doc_id]
        assert f'href="/document/{doc_id}"' in page
        assert title.replace("'", "&#39;").replace('"', "&#34;") in page or title in page


def test_document_links_name_the_other_document(client: TestClient, seed_ids: dict[str, str]) -> None:
    for doc_id in seed_ids.values():
        links = client.get(f"/api/documents/{doc_id}/links").json()
        if links:
            page = client.get(f"/document/{doc_id}").text
            section = page[page.index('id="links"') :]
            assert 'class="doc-link doc-title"' in section
            assert not BARE_ID.search(section)
            return
    raise AssertionError("no seed document has a link to check")


def test_references_fall_back_to_the_host_and_show_a_day(tmp_path: Path) -> None:
    doc = Document(source=Source(uri="a.txt", kind="txt", url="https://www.example.pk/news/1"), text="x y")
    doc.title, doc.lang = "A title", "en"
    doc.segments = [Segment(0, 3, "body", "en")]
    with SQLiteStore(tmp_path / "k.db") as store:
        store.put(doc)
        refs = document_refs(store, [doc.id, None, "0" * 16])
    assert list(refs) == [doc.id]
    assert refs[doc.id]["outlet"] == "example.pk" and refs[doc.id]["title"] == "A title"


def test_an_upload_answers_with_its_documents_named(tmp_path: Path) -> None:
    from khabar.api import create_app
    from tests.api.conftest import TOKEN

    text = (
        "Tashkent talks open\n\nThe foreign ministers met in Tashkent on Tuesday to discuss transit trade.\n"
    )
    with TestClient(create_app(tmp_path / "u.db", token=TOKEN)) as web:
        answer = web.post(
            "/api/ingest",
            files={"file": ("talks.txt", text.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).json()
    (ref,) = answer["document_refs"]
    assert ref["id"] == answer["documents"][0] and ref["title"] and ref["lang"] == "en"


def test_an_accusation_and_its_denials_are_one_thread(client: TestClient) -> None:
    from khabar.api.routes_web import claim_threads

    def claim(idx: int, answers: int | None = None, doc: str = "d") -> dict[str, object]:
        return {
            "doc_id": doc,
            "idx": idx,
            "answers": {"doc_id": doc, "idx": answers} if answers is not None else None,
        }

    threads = claim_threads(
        [claim(0), claim(1), claim(2, 1), claim(3, 2), claim(4, 9), claim(5, 6), claim(6, 5)]
    )
    assert [(t["claim"]["idx"], [a["idx"] for a in t["answers"]]) for t in threads] == [
        (0, []),
        (1, [2, 3]),  # a denial and the answer to it
        (4, []),  # it answers a claim not on this page
        (5, []),  # a circle (never made by the extractor) keeps every claim once
        (6, []),
    ]
    html = client.get("/claims").text
    threads_html = html.split('class="claim-thread"')[1:]
    answered = [t for t in threads_html if 'data-answers="0"' not in t.split(">")[0]]
    assert answered, "the seeds hold accusations answered by denials"
    for thread in answered:
        head, _, rest = thread.partition('class="claim-answers"')
        assert 'data-stance="accuse"' in head and 'data-stance="deny"' in rest
