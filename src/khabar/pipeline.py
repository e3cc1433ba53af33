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

from khabar.budget import document_budget, grant, remaining, spent
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
    #: CPU seconds the slowest document was charged in the stages (khabar.budget), and the
    #: slowest one accepted (each stage's first document not charged for that stage's start-up).
    slowest_seconds: float = 0.0
    slowest_accepted_seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON-safe summary for the store's ``runs`` table."""
        return {
            "documents": self.documents,
            "rejected": self.rejected,
            "reasons": dict(self.reasons),
            "slowest_seconds": round(self.slowest_seconds, 3),
            "slowest_accepted_seconds": round(self.slowest_accepted_seconds, 3),
            "stages": {k: vars(v) for k, v in self.stages.items()},
        }


class Pipeline:
    """An ordered, validated list of stages."""

    def __init__(
        self, specs: list[StageSpec], strict: bool = False, budget_seconds: float | None = None
    ) -> None:
        self.specs = specs
        self.strict = strict
        #: CPU seconds one document may spend in the stages (None: no limit); see khabar.budget.
        self.budget_seconds = budget_seconds
        self.stats = RunStats(stages={s.name: StageStats() for s in specs})

    @property
    def names(self) -> list[str]:
        """Stage names in run order."""
        return [s.name for s in self.specs]

    def process(self, doc: Document) -> Document:
        """Run every stage on one document; a reject stops the remaining stages.

        With a budget, a document still in the stages when it runs out is a ``too_slow`` reject
        (checked after every stage; the HTML extraction itself is stopped at the deadline), so
        no accepted document was charged more than the budget (CPU seconds, see
        :mod:`khabar.budget`). Each stage's first document of the run is not charged for that
        stage: it loads the stage's models.
        """
        self.stats.documents += 1
        if doc.rejected:  # the reader already set it aside (undecodable, too large)
            self._count_reject(doc.rejects[-1].reason)
            return doc
        with document_budget(self.budget_seconds) as budget:
            doc = self._stages(doc)
        took = budget.spent()  # what the document was charged
        self.stats.slowest_seconds = max(self.stats.slowest_seconds, took)
        if not doc.rejected:
            self.stats.slowest_accepted_seconds = max(self.stats.slowest_accepted_seconds, took)
        return doc

    def _stages(self, doc: Document) -> Document:
        for spec in self.specs:
            st = self.stats.stages[spec.name]
            st.seen += 1
            t0, cpu0 = time.perf_counter(), spent()
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
                took = time.perf_counter() - t0
                st.seconds += took
            if st.seen == 1:
                grant(spent() - cpu0)  # a stage's first document pays its start-up (models), not its own cost
            if not doc.rejected and remaining() == 0.0:
                st.rejected += 1
                detail = f"over the budget of {self.budget_seconds} s a document, after the {spec.name} stage"
                doc.rejects.append(RejectRecord(spec.name, "too_slow", detail))
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


def build(names: Sequence[str], strict: bool = False, budget_seconds: float | None = None) -> Pipeline:
    """Assemble registered stages in order, checking each one's requirements are met.

    ``budget_seconds`` bounds each document's time in the stages (see :mod:`khabar.budget`).
    """
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
    return Pipeline(specs, strict=strict, budget_seconds=budget_seconds)


def _load_builtin_stages() -> None:
    # Importing the package registers its stages.
    import khabar.stages  # noqa: F401
