"""Run the ``khabar`` command line in this process and ``SIGKILL`` it at a deterministic point.

    python -m tests.support.kill9 POINT N ingest CORPUS --db DB

wraps one function of the real code so that its ``N``-th call kills the process with
``os.kill(os.getpid(), SIGKILL)`` (no handler, no ``finally``, no atexit runs), then calls
:func:`khabar.cli.main.main` with the rest of the arguments. Nothing is added to ``src/``: the
points are the seams the ingest job already has. ``POINT`` is one of :data:`POINTS`, or ``none``
for an uninterrupted run through the same wrapper.

The semantic check of the duplicates linker is switched off (``semantic.available`` is False):
loading its sentence-embedding model costs ~30 s a process and is not what is tested; the
duplicates linker still links by its keys. ``KILL9_SEMANTIC=1`` keeps it on.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

#: Where a run can be killed, and what the store holds at that moment.
POINTS = {
    # SQLiteStore.put_batch returned: the batch and its link_pending marks are committed.
    "committed": "right after the N-th batch of documents was committed",
    # jobs.run_linkers entered: same state, reached through the job's own seam.
    "before_linkers": "between the N-th batch's commit and its linkers",
    # the stories linker entered: the events linker of that batch has committed.
    "before_stories": "in the linkers, after the events linker, before the stories linker",
    # the events linker returned inside its transaction: its writes are not committed.
    "inside_events": "inside the events linker's transaction, before its commit",
    # the job's links_done entered: every linker committed, the pending marks not cleared.
    "before_links_done": "after every linker, before the batch's pending marks are cleared",
}


def die() -> None:
    """What ``kill -9`` does: the process ends here, at once."""
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def on_call(fn: Callable[..., Any], n: int, after: bool = False) -> Callable[..., Any]:
    """``fn`` that kills the process at its ``n``-th call: on entry, or once it returned."""
    calls = [0]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == n and not after:
            die()
        result = fn(*args, **kwargs)
        if calls[0] == n and after:
            die()
        return result

    return wrapper


def arm(point: str, n: int) -> None:
    """Wrap the function of ``point`` so that its ``n``-th call kills this process."""
    from khabar import jobs
    from khabar.dedup import semantic
    from khabar.registry import LINKERS
    from khabar.store.sqlite import SQLiteStore

    if not os.environ.get("KILL9_SEMANTIC"):  # set to 1 to keep it (a manual check)
        semantic.available = lambda: False
    import khabar.linkers  # noqa: F401  (registers the linkers, so they can be wrapped)

    if point == "none":
        return
    if point == "committed":
        SQLiteStore.put_batch = on_call(SQLiteStore.put_batch, n, after=True)  # type: ignore[method-assign]
    elif point == "before_linkers":
        jobs.run_linkers = on_call(jobs.run_linkers, n)
    elif point == "before_stories":
        LINKERS["stories"] = on_call(LINKERS["stories"], n)
    elif point == "inside_events":
        LINKERS["events"] = on_call(LINKERS["events"], n, after=True)
    elif point == "before_links_done":
        SQLiteStore.links_done = on_call(SQLiteStore.links_done, n)  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown kill point {point!r}; known: none, {', '.join(POINTS)}")


def main(argv: list[str]) -> None:
    """``POINT N khabar-arguments…``: arm the point, then run the command line."""
    point, n, *rest = argv
    arm(point, int(n))
    from khabar.cli.main import main as khabar_main

    sys.argv = ["khabar", *rest]
    khabar_main()


if __name__ == "__main__":
    main(sys.argv[1:])
