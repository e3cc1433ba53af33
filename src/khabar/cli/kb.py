"""``khabar kb build|import-wikidata``: generate and extend the knowledge base's data files.

Thin commands over :func:`khabar.kb.build.write_countries` and
:func:`khabar.kb.wikidata.import_dump`.
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
