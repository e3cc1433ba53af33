"""The ``@stage`` and ``@linker`` registries: the bottom layer, importing no stage or linker.

A stage is a pure ``Document -> Document`` function registered with :func:`stage`, naming
the Document fields it needs (``requires``) and fills (``assigns``). A linker is
``fn(store, docs) -> counters`` registered with :func:`linker`. The modules under
``khabar.stages`` and ``khabar.linkers`` register themselves when imported;
:mod:`khabar.pipeline` and :mod:`khabar.linking` import them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khabar.document import Document
from khabar.errors import PipelineError

if TYPE_CHECKING:  # the persistence protocol only (it imports nothing above document)
    from khabar.store.base import Store

StageFn = Callable[[Document], Document]


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its function and the fields it reads and writes."""

    name: str
    fn: StageFn
    requires: frozenset[str]
    assigns: frozenset[str]


REGISTRY: dict[str, StageSpec] = {}


def stage(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as pipeline stage ``name`` (a decorator)."""

    def register(fn: StageFn) -> StageFn:
        if name in REGISTRY and REGISTRY[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice; rename one of them")
        REGISTRY[name] = StageSpec(name, fn, frozenset(requires), frozenset(assigns))
        return fn

    return register


LinkerFn = Callable[["Store", "list[Document]"], dict[str, int]]

LINKERS: dict[str, LinkerFn] = {}


def linker(name: str) -> Callable[[LinkerFn], LinkerFn]:
    """Register ``fn`` as cross-document linker ``name`` (a decorator)."""

    def register(fn: LinkerFn) -> LinkerFn:
        if name in LINKERS and LINKERS[name] is not fn:
            raise PipelineError(f"linker {name!r} is registered twice; rename one of them")
        LINKERS[name] = fn
        return fn

    return register
