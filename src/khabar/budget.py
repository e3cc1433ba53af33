"""The wall-clock budget of the document being processed (issue 16: one page never stalls a batch).

The pipeline opens a budget around each document (:func:`document_budget`); code that may run
long on hostile input (the HTML extraction) asks :func:`remaining` how long it may take and
gives up with a ``too_slow`` reject when that runs out. Outside a budget, :func:`remaining` is
None: no limit.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# A one-item list, so that grant() can move the deadline of the budget it is called in.
_DEADLINE: ContextVar[list[float] | None] = ContextVar("khabar_document_deadline", default=None)


@contextmanager
def document_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with ``seconds`` of wall-clock time (None or ≤ 0: no budget)."""
    deadline = [time.monotonic() + seconds] if seconds and seconds > 0 else None
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left of the current document's budget (≥ 0), or None when there is none."""
    deadline = _DEADLINE.get()
    return None if deadline is None else max(0.0, deadline[0] - time.monotonic())


def grant(seconds: float) -> None:
    """Move the current deadline ``seconds`` later: time that is not the document's fault (a
    stage loading its models on the first document of a run)."""
    deadline = _DEADLINE.get()
    if deadline is not None:
        deadline[0] += seconds
