"""The time budget of the document being processed (issue 16: one page never stalls a batch).

The pipeline opens a budget around each document (:func:`document_budget`); code that may run
long on hostile input (the HTML extraction) asks :func:`remaining` how long it may take and
gives up with a ``too_slow`` reject when that runs out. Outside a budget, :func:`remaining` is
None: no limit.

The budget is counted in CPU seconds spent on the document — this thread's (the stages run in
one thread per document) plus what a helper process spent for it (:func:`charge`) — not in
wall-clock seconds: on a machine loaded by other work a page takes longer to the clock but no
more CPU, and whether a page is stored must not depend on what else the machine was doing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Budget:
    """One document's budget: ``seconds`` of CPU (None: no limit), counted from ``start`` (this
    thread's CPU clock) with ``adjust`` added (CPU spent elsewhere, less start-up granted)."""

    seconds: float | None
    start: float
    adjust: float = 0.0

    def spent(self) -> float:
        """CPU seconds charged to the document so far."""
        return time.thread_time() - self.start + self.adjust


_CURRENT: ContextVar[Budget | None] = ContextVar("khabar_document_budget", default=None)


@contextmanager
def document_budget(seconds: float | None) -> Iterator[Budget]:
    """Run the block as one document with ``seconds`` of CPU (None or ≤ 0: no limit, but still
    counted, so :meth:`Budget.spent` tells what the document cost)."""
    budget = Budget(seconds if seconds and seconds > 0 else None, time.thread_time())
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def remaining() -> float | None:
    """CPU seconds left of the current document's budget (≥ 0), or None when there is no limit."""
    budget = _CURRENT.get()
    if budget is None or budget.seconds is None:
        return None
    return max(0.0, budget.seconds - budget.spent())


def spent() -> float:
    """CPU seconds charged to the current document so far (0 outside a budget)."""
    budget = _CURRENT.get()
    return 0.0 if budget is None else budget.spent()


def grant(seconds: float) -> None:
    """Give back ``seconds``: time that is not the document's fault (a stage loading its models
    on the first document of a run)."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.adjust -= seconds


def charge(seconds: float) -> None:
    """Count ``seconds`` of CPU that another process spent on the current document."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.adjust += seconds
