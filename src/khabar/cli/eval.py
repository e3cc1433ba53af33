"""``khabar eval``: every benchmark on the public data sets, one command per measure.

Each command reads the shared eval folder (``--data``, default
:func:`khabar.config.default_eval_root`), prints a Markdown section and, with ``--out``, writes
it into that benchmarks file (``make eval`` runs them all into ``docs/benchmarks.md``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import err, fail, out
from khabar.config import default_eval_root
from khabar.errors import KhabarError

app = typer.Typer(
    help="Measure Khabar on public data sets. Example: khabar eval langid", no_args_is_help=True
)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="The shared eval folder (default: ../shared/eval).")
]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write the section into this benchmarks file.")]


def eval_root(data: Path | None) -> Path:
    """``data``, or the default eval folder; exit with a usage error when it does not exist."""
    root = data if data is not None else default_eval_root()
    if not root.exists():
        fail(f"eval data {root} not found; pass --data PATH/TO/shared/eval")
    return root


def publish(section: str, markdown: str, output: Path | None) -> None:
    """Print a benchmark section and, with ``output``, write it into that benchmarks file."""
    from khabar.eval.report import write_section

    out.print(markdown)
    if output:
        write_section(output, section, markdown)
        err.print(f"wrote the {section} section of {output}")


@app.command("langid")
def eval_langid(
    data: DataOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many sentences per set.")] = None,
    output: OutOption = None,
) -> None:
    """Language-ID accuracy per language and speed on TICO-19 and Dakshina romanized sentences.

    Example: khabar eval langid --out docs/benchmarks.md
    """
    from khabar.eval.langid import evaluate_langid, format_markdown

    publish("langid", format_markdown(evaluate_langid(eval_root(data), limit=limit)), output)


@app.command("time")
def eval_time(
    data: DataOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many ILTIMEX files.")] = None,
    output: OutOption = None,
) -> None:
    """Time-expression detection P/R/F1 and speed on ILTIMEX 2012 Hindi news.

    Example: khabar eval time --out docs/benchmarks.md
    """
    from khabar.eval.timex import evaluate_timex, format_markdown

    publish("time", format_markdown(evaluate_timex(eval_root(data), limit=limit)), output)


@app.command("xscript")
def eval_xscript(data: DataOption = None, output: OutOption = None) -> None:
    """How often the Urdu↔Hindi name linker picks the right partner on the Dakshina lexicons.

    Example: khabar eval xscript --out docs/benchmarks.md
    """
    from khabar.eval.xscript import evaluate_xscript, format_markdown

    publish("xscript", format_markdown(evaluate_xscript(eval_root(data))), output)


@app.command("bridge")
def eval_bridge(data: DataOption = None, output: OutOption = None) -> None:
    """Urdu↔Devanagari transliteration word accuracy on held-out Dakshina words and KB names.

    Example: khabar eval bridge --out docs/benchmarks.md
    """
    from khabar.eval.bridge import evaluate_bridge, format_markdown

    publish("bridge", format_markdown(evaluate_bridge(eval_root(data))), output)


@app.command("pages")
def eval_pages(
    folder: Annotated[
        Path | None,
        typer.Argument(help="A folder of labelled pages (NAME.json beside NAME.html, or gold.jsonl)."),
    ] = None,
    data: DataOption = None,
    output: OutOption = None,
) -> None:
    """Per-field accuracy on labelled pages (with FOLDER), else the page-kind benchmark.

    With FOLDER: language, publication date, title, body text and page kind of every labelled
    page, each split (tune, heldout) apart. Without: how many real article pages the page-kind
    classifier wrongly calls a listing or media page.

    Example: khabar eval pages tests/data/pages --out docs/benchmarks.md
    """
    if folder is not None:
        from khabar.eval.pages import evaluate_pages
        from khabar.eval.pages import format_markdown as pages_markdown

        try:
            result = evaluate_pages(folder, data if data is not None else default_eval_root())
        except KhabarError as exc:
            fail(str(exc))
        heading = f"Pages: language, date, title, body, kind ({folder.name})"
        publish(f"pages {folder.name}", pages_markdown(result, heading), output)
        return
    from khabar.eval.page_kinds import evaluate_page_kinds, format_markdown

    publish("pages", format_markdown(evaluate_page_kinds(eval_root(data))), output)


@app.command("extraction")
def eval_extraction(
    data: DataOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many pages.")] = None,
    output: OutOption = None,
) -> None:
    """Main-text extraction P/R/F1 on trafilatura's evaluation pages ("with"/"without" snippets).

    Example: khabar eval extraction --out docs/benchmarks.md
    """
    from khabar.eval.extraction import evaluate_extraction
    from khabar.eval.extraction import format_markdown as extraction_markdown

    publish("extraction", extraction_markdown(evaluate_extraction(eval_root(data), limit=limit)), output)


@app.command("ner")
def eval_ner(
    data: Annotated[
        Path | None,
        typer.Option(
            help="A CoNLL file, or the shared eval folder (then IL-NER dev is scored; "
            "default: ../shared/eval)."
        ),
    ] = None,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", help="ur or hi; repeat for both (the default).")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Tag scheme of --data: il_ner, conll2, hiner or wikiann.")
    ] = "il_ner",
    output: OutOption = None,
) -> None:
    """Named-entity P/R/F1 per label (exact spans) and tagging speed, on IL-NER dev by default.

    Example: khabar eval ner --lang ur --out docs/benchmarks.md
    """
    from khabar.eval.ner import evaluate_ner, format_markdown

    data = data if data is not None else default_eval_root()
    langs = lang or ["ur", "hi"]
    if bad := [x for x in langs if x not in ("ur", "hi")]:
        fail(f"--lang must be ur or hi, not {', '.join(bad)}")
    if data.is_dir():
        dev = {"ur": "Urdu-dev.txt", "hi": "Hindi-dev.txt"}
        sets = [(data / "ner" / "il_ner" / dev[x], x, "il_ner") for x in langs]
        train_root: Path | None = data
    elif data.is_file():
        train_root = None
        if len(langs) != 1:
            fail("with a data file, name its language once: --lang ur or --lang hi")
        sets = [(data, langs[0], fmt)]
    else:
        fail(f"{data} not found; pass --data PATH/TO/shared/eval or a CoNLL file")
    try:
        results = [evaluate_ner(path, x, f, train_root) for path, x, f in sets]
    except KhabarError as exc:
        fail(str(exc))
    publish("ner", format_markdown(results), output)


@app.command("events")
def eval_events(data: DataOption = None, output: OutOption = None) -> None:
    """Event coding on the Urdu/Hindi gold sentences and the PLOVER gold records.

    Example: khabar eval events --out docs/benchmarks.md
    """
    from khabar.eval.events import evaluate_events, format_markdown

    publish("events", format_markdown(evaluate_events(eval_root(data))), output)


@app.command("translation")
def eval_translation(
    data: DataOption = None,
    output: OutOption = None,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--no-semantic", help="Score with sentence embeddings (default: when installed)."
        ),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            help="Embed only the first N blocks of each half (the model reads ~25 lines/s per core)."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not keep line vectors between runs.")
    ] = False,
) -> None:
    """Precision, recall and F1 of translation-pair detection on TICO-19 Hindi/Urdu documents.

    Line vectors are kept in the per-user cache folder, so a second run embeds nothing.

    Example: khabar eval translation --sample 40 --out docs/benchmarks.md
    """
    from khabar.eval.translation import default_cache, evaluate_translation, format_markdown

    root = eval_root(data)
    cache = None if no_cache else default_cache()
    result = evaluate_translation(root, semantic=semantic, sample=sample, cache_file=cache)
    publish("translation", format_markdown(result), output)
