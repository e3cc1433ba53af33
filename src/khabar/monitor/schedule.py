"""When a source is polled next: its interval, stretched while it keeps failing (the error budget)."""

from __future__ import annotations

import re

from khabar.errors import KhabarError

#: Polling interval of a source added without one (seconds): EMM's refresh rate.
DEFAULT_INTERVAL = 600.0
#: Shortest interval accepted (seconds), so no source is polled in a tight loop.
MIN_INTERVAL = 10.0
#: Failures in a row a source may have before its polls are spaced out.
ERROR_BUDGET = 3
#: Longest wait between two polls of a failing source (seconds).
MAX_BACKOFF = 86400.0

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``10m``, ``2h`` or ``1d``; a clear error for anything else."""
    match = _INTERVAL.match(text)
    if not match:
        raise KhabarError(f"bad interval {text!r}; write it like 90s, 10m, 2h or 1d")
    seconds = float(match[1]) * _UNITS[(match[2] or "s").lower()]
    if seconds < MIN_INTERVAL:
        raise KhabarError(f"interval {text!r} is under {MIN_INTERVAL:g} seconds; poll less often")
    return seconds


def format_interval(seconds: float) -> str:
    """``600`` → ``10m``: the largest unit that divides the interval."""
    for unit in ("d", "h", "m"):
        if seconds >= _UNITS[unit] and seconds % _UNITS[unit] == 0:
            return f"{int(seconds // _UNITS[unit])}{unit}"
    return f"{int(seconds)}s" if seconds == int(seconds) else f"{seconds}s"


def next_poll(now: float, interval: float, failing: int, retry_after: float | None = None) -> float:
    """When to poll again after a poll at ``now`` that left ``failing`` failures in a row.

    Within the budget a failing source keeps its interval; beyond it each further failure
    doubles the wait, up to :data:`MAX_BACKOFF`, so a dead source is not fetched forever at full
    rate. A server's Retry-After is honoured when it asks for longer.
    """
    over = max(0, failing - ERROR_BUDGET + 1) if failing else 0
    wait = min(interval * 2**over, max(MAX_BACKOFF, interval))
    return now + max(wait, retry_after or 0.0)
