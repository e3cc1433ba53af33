"""The ``khabar`` entry point: a quick path for ``khabar search``, typer's app for everything else.

Building typer's app costs more than a search: typer's import, one click command for each of the
~40 commands (their annotations evaluated) and a pydantic adapter for every parameter. A plain
``khabar search WORDS [--db …] [--lang …] [--outlet …] [--country …] [--kind …] [--page-kind …]
[--limit N]`` is therefore parsed here and run by :func:`khabar.cli.searching.run_search`, the
function the typer command calls too. Anything this parser does not fully understand (``--help``,
an unknown or repeated option, a value it would have to coerce differently, shell completion)
goes to typer unchanged, so its messages and exit codes stay the only ones.
"""

from __future__ import annotations

import os
import sys

from khabar.cli.console import MAX_LIMIT

#: ``khabar search`` options taking a string, by flag, with their keyword in run_search.
_SEARCH_OPTIONS = {
    "--db": "db",
    "--lang": "lang",
    "--outlet": "outlet",
    "--country": "country",
    "--kind": "kind",
    "--page-kind": "page_kind",
    "--limit": "limit",
}


def parse_search(argv: list[str]) -> dict[str, object] | None:
    """The keyword arguments of :func:`run_search` for ``argv`` (without the program name), or
    ``None`` when ``argv`` is not a plain ``search`` this parser takes (typer then parses it)."""
    if not argv or argv[0] != "search":
        return None
    found: dict[str, object] = {}
    words: list[str] = []
    rest = iter(argv[1:])
    for arg in rest:
        if not arg.startswith("-"):
            words.append(arg)
            continue
        flag, eq, value = arg.partition("=")
        name = _SEARCH_OPTIONS.get(flag)
        if name is None or name in found:
            return None
        if not eq:
            value = next(rest, None)  # type: ignore[assignment]
            if value is None:
                return None
        found[name] = value
    if len(words) != 1:
        return None
    if "limit" in found:
        text = str(found["limit"])
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_LIMIT):
            return None
        found["limit"] = int(text)
    return {"query": words[0], **found}


def main() -> None:
    """Run ``khabar`` with the process's arguments."""
    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    args = None if completing else parse_search(sys.argv[1:])
    if args is None:
        from khabar.cli.main import main as full

        full()
        return
    sys.exit(_quick_search(args))


def _quick_search(args: dict[str, object]) -> int:
    """Run the search, with the one-line failures of every command (khabar.cli.common)."""
    from khabar.cli.console import EXIT_FAILURE, failure, print_error
    from khabar.cli.searching import run_search

    try:
        return run_search(**args)  # type: ignore[arg-type]
    except Exception as exc:
        worded = failure(exc)
        if worded is None:
            raise
        print_error(worded[0])
        return worded[1] if worded[1] else EXIT_FAILURE
