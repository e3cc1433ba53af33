"""Pipeline: registry, build-time checks, rejects and errors kept per document."""

from __future__ import annotations

import pytest

from khabar.document import Document, Source
from khabar.errors import PipelineError, Reject
from khabar.pipeline import build
from khabar.registry import REGISTRY, stage


@pytest.fixture(autouse=True)
def _test_stages() -> None:
    @stage("t_upper", requires=("raw",), assigns=("text",))
    def upper(doc: Document) -> Document:
        if not doc.raw:
            raise Reject("empty_input", "nothing to read")
        if doc.raw == "boom":
            raise ValueError("kaboom")
        doc.text = doc.raw.upper()
        return doc

    @stage("t_title", requires=("text",), assigns=("title",))
    def title(doc: Document) -> Document:
        doc.title = doc.text[:3]
        return doc

    yield
    REGISTRY.pop("t_upper", None)
    REGISTRY.pop("t_title", None)


def _doc(raw: str) -> Document:
    return Document(source=Source(uri=raw or "empty", kind="txt"), raw=raw)


def test_build_checks_requirements() -> None:
    with pytest.raises(PipelineError, match="needs \\['text'\\]"):
        build(["t_title", "t_upper"])
    with pytest.raises(PipelineError, match="unknown stage"):
        build(["no_such_stage"])
    assert build(["t_upper", "t_title"]).names == ["t_upper", "t_title"]


def test_run_keeps_rejects_and_errors_and_counts_them() -> None:
    pipe = build(["t_upper", "t_title"])
    docs = list(pipe.run([_doc("abc"), _doc(""), _doc("boom"), _doc("xyz")]))
    assert [d.title for d in docs] == ["ABC", "", "", "XYZ"]
    assert docs[1].rejects[0].stage == "t_upper" and docs[1].rejects[0].reason == "empty_input"
    assert docs[2].rejects[0].reason == "stage_error" and "kaboom" in docs[2].rejects[0].detail
    st = pipe.stats
    assert st.documents == 4 and st.rejected == 2
    assert st.reasons == {"empty_input": 1, "stage_error": 1}
    assert st.stages["t_upper"].seen == 4 and st.stages["t_title"].seen == 2
    assert st.stages["t_upper"].errors == 1


def test_strict_mode_raises() -> None:
    pipe = build(["t_upper"], strict=True)
    with pytest.raises(ValueError, match="kaboom"):
        list(pipe.run([_doc("boom")]))


def test_pre_rejected_documents_skip_stages() -> None:
    from khabar.document import RejectRecord

    doc = _doc("abc")
    doc.rejects.append(RejectRecord("ingest", "binary_content"))
    pipe = build(["t_upper"])
    [out] = pipe.run([doc])
    assert out.text == "" and pipe.stats.reasons == {"binary_content": 1}


def test_registering_two_functions_under_one_name_fails() -> None:
    with pytest.raises(PipelineError, match="registered twice"):
        stage("t_upper")(lambda d: d)
