"""The stage and linker registries hold exactly the documented stages and linkers, with their contracts."""

from __future__ import annotations

import dataclasses

import pytest

from khabar.config import Config
from khabar.dedup.matching import link_duplicates
from khabar.document import Document
from khabar.errors import PipelineError
from khabar.linkers.events import link_events
from khabar.linkers.happenings import link_happenings
from khabar.linking import load_linkers
from khabar.pipeline import READER_ASSIGNS, build
from khabar.registry import LINKERS, REGISTRY, linker
from khabar.stories.cluster import link_stories

#: The per-document stages in run order (README, docs/schema.md): name -> (requires, assigns).
STAGES: dict[str, tuple[set[str], set[str]]] = {
    "page_kind": ({"html"}, {"meta", "page_kind"}),
    "clean": ({"raw"}, {"raw", "raw_map", "removed", "segments", "text", "title"}),
    "langid": ({"segments", "text"}, {"lang", "lang_confidence", "script", "segments"}),
    "normalize": ({"lang", "segments", "text"}, {"frozen", "raw_map", "segments", "text"}),
    "metadata": ({"frozen", "segments", "text"}, {"provenance", "published"}),
    "outlet": ({"provenance"}, {"provenance"}),
    "entities": ({"frozen", "lang", "segments", "text"}, {"mentions"}),
    "time": ({"lang", "published", "segments", "text"}, {"published", "times"}),
    "events": ({"mentions", "published", "segments", "text", "times"}, {"claims", "events"}),
}
#: The cross-document linkers in run order and the domain function each registers.
LINKER_FUNCTIONS = {
    "events": link_events,
    "duplicates": link_duplicates,
    "stories": link_stories,
    "happenings": link_happenings,
}


def test_the_stage_registry_holds_exactly_the_documented_stages_with_their_contracts() -> None:
    pipeline = build(Config().stages)  # imports khabar.stages, which registers every stage
    assert pipeline.names == list(STAGES) == list(Config().stages)
    assert sorted(REGISTRY) == sorted(STAGES)
    for name, (requires, assigns) in STAGES.items():
        spec = REGISTRY[name]
        assert (set(spec.requires), set(spec.assigns)) == (requires, assigns), name
        assert spec.fn.__module__ == f"khabar.stages.{name}", name


def test_stage_contracts_name_document_fields() -> None:
    build(Config().stages)
    fields = {f.name for f in dataclasses.fields(Document)}
    assert fields >= READER_ASSIGNS
    for name, spec in REGISTRY.items():
        assert spec.requires | spec.assigns <= fields, (name, sorted((spec.requires | spec.assigns) - fields))


def test_the_linker_registry_holds_exactly_the_documented_linkers_in_order() -> None:
    loaded = load_linkers(Config().links)  # imports khabar.linkers, which registers every linker
    assert [name for name, _ in loaded] == list(LINKER_FUNCTIONS) == list(Config().links)
    assert sorted(LINKERS) == sorted(LINKER_FUNCTIONS)
    for name, fn in loaded:
        assert fn is LINKER_FUNCTIONS[name], name
    with pytest.raises(PipelineError, match="unknown linker 'nope'"):
        load_linkers(["events", "nope"])


def test_a_name_registered_twice_is_refused() -> None:
    load_linkers(Config().links)
    with pytest.raises(PipelineError, match="registered twice"):
        linker("events")(link_stories)
    assert LINKERS["events"] is link_events
