"""Pipeline assembly with requirement checks, and the runner.

A stage is a pure ``Document -> Document`` function registered with :func:`khabar.registry.stage`, naming
the Document fields it needs (``requires``) and fills (``assigns``). :func:`build` checks
that every requirement is met by an earlier stage (or by the reader) before anything runs.
A stage that cannot handle a document raises :class:`~khabar.errors.Reject`; the runner
records the reason on the document and passes it on, so the store keeps it.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from khabar.document import Document, RejectRecord
from khabar.errors import PipelineError, Reject
from khabar.registry import REGISTRY, StageSpec

#: Fields every reader fills before the first stage runs.
READER_ASSIGNS = frozenset({"source", "raw", "id", "html", "meta"})


@dataclass
class StageStats:
    """Counters and time spent for one stage."""

    seen: int = 0
    rejected: int = 0
    errors: int = 0
    seconds: float = 0.0


@dataclass
class RunStats:
    """What a run did: per-stage counters, reject reasons, totals."""

    stages: dict[str, StageStats] = field(default_factory=dict)
    reasons: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, object]:
        """JSON-safe summary for the store's ``runs`` table."""
        return {
            "documents": self.documents,
            "rejected": self.rejected,
            "reasons": dict(self.reasons),
            "stages": {k: vars(v) for k, v in self.stages.items()},
        }


class Pipeline:
    """An ordered, validated list of stages."""

    def __init__(self, specs: list[StageSpec], strict: bool = False) -> None:
        self.specs = specs
        self.strict = strict
        self.stats = RunStats(stages={s.name: StageStats() for s in specs})

    @property
    def names(self) -> list[str]:
        """Stage names in run order."""
        return [s.name for s in self.specs]

    def process(self, doc: Document) -> Document:
        """Run every stage on one document; a reject stops the remaining stages."""
        self.stats.documents += 1
        if doc.rejected:  # the reader already set it aside (undecodable, too large)
            self._count_reject(doc.rejects[-1].reason)
            return doc
        for spec in self.specs:
            st = self.stats.stages[spec.name]
            st.seen += 1
            t0 = time.perf_counter()
            try:
                doc = spec.fn(doc)
            except Reject as r:
                st.rejected += 1
                doc.rejects.append(RejectRecord(spec.name, r.reason, r.detail))
            except Exception as exc:
                if self.strict:
                    raise
                st.errors += 1
                detail = f"{type(exc).__name__}: {exc} | {traceback.format_exc(limit=-1).strip()}"
                doc.rejects.append(RejectRecord(spec.name, "stage_error", detail[:2000]))
            finally:
                st.seconds += time.perf_counter() - t0
            if doc.rejected:
                self._count_reject(doc.rejects[-1].reason)
                break
        return doc

    def _count_reject(self, reason: str) -> None:
        self.stats.rejected += 1
        self.stats.reasons[reason] += 1

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process a stream of documents lazily, yielding each (rejected ones too)."""
        for doc in docs:
            yield self.process(doc)


def build(names: Sequence[str], strict: bool = False) -> Pipeline:
    """Assemble registered stages in order, checking each one's requirements are met."""
    _load_builtin_stages()
    available = set(READER_ASSIGNS)
    specs = []
    for name in names:
        if name not in REGISTRY:
            known = ", ".join(sorted(REGISTRY)) or "none"
            raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
        spec = REGISTRY[name]
        missing = spec.requires - available
        if missing:
            raise PipelineError(
                f"stage {name!r} needs {sorted(missing)}, which no earlier stage assigns; "
                f"put the stage that assigns them before {name!r}"
            )
        available |= spec.assigns
        specs.append(spec)
    return Pipeline(specs, strict=strict)


def _load_builtin_stages() -> None:
    # Importing the package registers its stages.
    import khabar.stages  # noqa: F401
