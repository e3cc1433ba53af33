"""``khabar search``'s work, written without typer so the quick path (khabar.cli.launch) shares it."""

from __future__ import annotations

from khabar.cli.console import EXIT_USAGE, missing_store, out, print_error


def run_search(
    query: str,
    db: str | None = None,
    *,
    lang: str | None = None,
    outlet: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    page_kind: str | None = None,
    limit: int = 20,
) -> int:
    """Print the documents matching ``query`` (and those mentioning an entity it names) with the
    facet counts; the command's exit code (1 when nothing matches, 2 on a usage error)."""
    from rich.markup import escape

    if kind:
        from khabar.kb.outlets import OUTLET_KINDS

        if kind not in OUTLET_KINDS:
            return _usage(f"unknown outlet kind {kind!r}; use one of {', '.join(OUTLET_KINDS)}")
    if page_kind:
        from khabar.clean.page_kind import PAGE_KINDS

        if page_kind not in PAGE_KINDS:
            return _usage(f"unknown page kind {page_kind!r}; use one of {', '.join(PAGE_KINDS)}")
    from khabar.config import load_config
    from khabar.errors import KhabarError
    from khabar.store.factory import open_store
    from khabar.views.entities import entity_ids

    try:
        config = load_config(None, db=db)
    except KhabarError as exc:
        return _usage(str(exc))
    missing = missing_store(config)
    if missing:
        return _usage(missing)
    try:
        store = open_store(config.store)
    except KhabarError as exc:
        return _usage(str(exc))
    named = entity_ids(query)
    filters = {
        "lang": lang,
        "outlet": outlet,
        "country": country.upper() if country else None,
        "outlet_kind": kind,
        "page_kind": page_kind,
    }
    hits = store.search(query, limit=limit, entities=named, **filters)  # type: ignore[arg-type]
    if named:
        out.print("also searching mentions of " + ", ".join(named))
    if not hits:
        out.print(f"no document matches {query!r}")
        return 1
    out.print(f"{len(hits)} documents match {query!r}")
    for h in hits:
        out.print(f"\n[bold]{h.id}[/]  {h.lang}  {escape(h.title[:80])}")
        out.print(f"    {escape(h.url or h.uri)}")
        out.print(f"    {escape(h.snippet)}")
    facets = store.search_facets(query, entities=named, **filters)
    for name in ("outlet", "country", "outlet_kind", "page_kind"):
        counts = ", ".join(f"{value or 'unknown'} {n}" for value, n in facets[name][:8])
        out.print(f"[dim]{name.replace('_', ' ')}: {escape(counts)}[/]")
    return 0


def _usage(message: str) -> int:
    print_error(message)
    return EXIT_USAGE
