"""The HTML extraction in a worker process, stopped when the document's budget runs out.

trafilatura, htmldate and justext cannot be interrupted from the outside of a thread, and a
signal-based alarm is neither safe off the main thread (the web server ingests in a thread
pool) nor able to stop C code. So, when the document has a budget (:mod:`khabar.budget`),
:func:`extract_within_budget` hands the page to a long-lived worker process and watches the CPU
the worker spends on it (from ``/proc``, where there is one; else the clock). Past the time left
— or, for a worker that stalls without working, past :data:`WALL_FACTOR` times it on the clock —
the worker is killed (a new one starts for the next page) and the page is a ``too_slow`` reject;
otherwise the worker's CPU is charged to the document. The worker's start-up (importing
trafilatura) is not charged to a page. Without a budget the extraction runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from khabar.budget import charge, remaining
from khabar.clean.html_extract import Extracted, extract_html
from khabar.errors import Reject

#: Seconds allowed for a new worker to import the extractors (not part of any page's budget).
STARTUP_SECONDS = 300.0
#: A page whose worker is neither done nor working (waiting, swapped out) is stopped after this
#: many times its CPU budget on the clock.
WALL_FACTOR = 4.0
#: How often the parent looks at the worker's CPU while it waits.
POLL_SECONDS = 0.05


Extractor = Callable[[str, "str | None"], Extracted]


def _serve(conn: Connection, fn: Extractor) -> None:
    """The worker's loop: run ``fn`` on each page it is sent until the pipe closes."""
    import trafilatura  # noqa: F401  (loaded before "ready", so no page pays for it)

    conn.send("ready")
    while True:
        try:
            markup, url = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(markup, url))
        except Exception as exc:  # the parent re-raises it as this document's stage error
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class Worker:
    """One worker process running ``fn`` (a module-level function) and the pipe to it;
    restarted after a kill."""

    def __init__(self, fn: Extractor) -> None:
        self.fn = fn
        self.lock = threading.Lock()
        self.proc: Any = None
        self.conn: Connection | None = None

    def _start(self) -> Connection:
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.fn), daemon=True, name="khabar-extract")
        self.proc.start()
        child.close()
        if not parent.poll(STARTUP_SECONDS) or parent.recv() != "ready":
            self._stop()
            raise RuntimeError("the extraction worker did not start")
        self.conn = parent
        return parent

    def _stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join(5)
        if self.conn is not None:
            self.conn.close()
        self.proc, self.conn = None, None

    def extract(self, markup: str, url: str | None, seconds: float) -> Extracted:
        """``fn(markup, url)`` in the worker; a ``too_slow`` reject once it has spent ``seconds``
        of CPU on the page (or :data:`WALL_FACTOR` times that on the clock). The CPU it spent is
        charged to the current document's budget."""
        with self.lock:
            alive = self.conn is not None and self.proc is not None and self.proc.is_alive()
            conn = self.conn if alive and self.conn is not None else self._restart()
            cpu = _CpuWatch(self.proc.pid)
            conn.send((markup, url))
            while not conn.poll(POLL_SECONDS):
                if cpu.used() >= seconds or cpu.wall() >= seconds * WALL_FACTOR:
                    self._stop()
                    left = f"{seconds:.1f} s of CPU left"
                    raise Reject("too_slow", f"the page's extraction did not finish in the budget ({left})")
            charge(cpu.used())
            try:
                status, value = conn.recv()
            except (EOFError, OSError) as exc:  # the worker died (out of memory, a crash in C)
                self._stop()
                raise RuntimeError(f"the extraction worker died: {exc}") from exc
        if status == "error":
            raise RuntimeError(value)
        return value

    def _restart(self) -> Connection:
        self._stop()
        return self._start()


class _CpuWatch:
    """CPU seconds a process has spent since this was made (the clock's seconds where the
    system does not tell a process's CPU time)."""

    _TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, pid: int) -> None:
        self.stat = Path(f"/proc/{pid}/stat")
        self.started = time.monotonic()
        self.cpu0 = self._cpu()

    def _cpu(self) -> float | None:
        try:
            # Fields after the command name, which is in parentheses and may hold spaces:
            # utime and stime are the 14th and 15th of the line.
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / self._TICKS
        except (OSError, IndexError, ValueError):
            return None

    def wall(self) -> float:
        """Clock seconds since this was made."""
        return time.monotonic() - self.started

    def used(self) -> float:
        """CPU seconds the process spent since this was made."""
        now = self._cpu()
        if now is None or self.cpu0 is None:
            return self.wall()
        return now - self.cpu0


#: The process-wide worker (tests may swap it for one running another function).
WORKER = Worker(extract_html)


def extract_within_budget(markup: str, url: str | None) -> Extracted:
    """:func:`~khabar.clean.html_extract.extract_html`, bounded by the document's budget."""
    seconds = remaining()
    if seconds is None:
        return extract_html(markup, url)
    return WORKER.extract(markup, url, seconds)
