"""``khabar train ner|langid|events``: retrain the shipped models from the shared eval data.

Thin commands over :func:`khabar.models.ner.train.train` and :func:`khabar.models.romanized.train`;
each prints the measured figures as JSON. Training data is read, never copied.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from khabar.cli.common import fail
from khabar.config import default_eval_root
from khabar.errors import KhabarError

app = typer.Typer(
    help="Retrain the shipped models from ../shared/eval. Example: khabar train langid", no_args_is_help=True
)

EvalRootOption = Annotated[
    Path | None, typer.Option("--eval-root", help="The shared eval folder (default: ../shared/eval).")
]


def _print_figures(figures: dict[str, Any]) -> None:
    typer.echo(json.dumps(figures, indent=2, ensure_ascii=False))


@app.command("ner")
def train_ner(
    lang: Annotated[
        list[str] | None, typer.Option("--lang", help="ur or hi; repeat for both (the default).")
    ] = None,
    eval_root: EvalRootOption = None,
    output: Annotated[
        Path | None, typer.Option("--out", help="Folder to write the models to (default: the package's).")
    ] = None,
) -> None:
    """Train the Urdu and Hindi NER CRFs and print their IL-NER dev figures as JSON (~2.5 min).

    Example: khabar train ner --lang ur --out /tmp/ner-models
    """
    from khabar.models.ner import LANGS
    from khabar.models.ner.features import DATA
    from khabar.models.ner.train import train

    langs = lang or list(LANGS)
    if bad := [x for x in langs if x not in LANGS]:
        fail(f"--lang must be one of {', '.join(LANGS)}, not {', '.join(bad)}")
    root = eval_root or default_eval_root()
    if not (root / "ner").is_dir():
        fail(f"the NER data is missing: no {root / 'ner'} (see ../shared/eval/README.md)")
    for x in langs:
        try:
            figures = train(root, x, output or DATA)
        except KhabarError as exc:
            fail(str(exc))
        _print_figures(figures)


@app.command("langid")
def train_langid(
    eval_root: EvalRootOption = None,
    output: Annotated[
        Path | None, typer.Option("--out", help="Model file to write (default: the package's).")
    ] = None,
) -> None:
    """Train the romanized-Hindustani classifier and print its measured figures as JSON (~15 s).

    Example: khabar train langid --out /tmp/romanized.json.gz
    """
    from khabar.models.romanized import DEFAULT_MODEL, train

    try:
        figures = train(eval_root or default_eval_root(), output or DEFAULT_MODEL)
    except KhabarError as exc:
        fail(str(exc))
    _print_figures(figures)


@app.command("events")
def train_events(
    eval_root: EvalRootOption = None,
    output: Annotated[
        Path | None, typer.Option("--out", help="Folder to write the model to (default: the package's).")
    ] = None,
) -> None:
    """Train the English event-type classifier (PLOVER dev half, IndiaPoliceEvents, EDNIL 2020) and
    print its figures as JSON (~1.5 min; fixed seed).

    Example: khabar train events --out /tmp/events-model
    """
    from importlib import resources

    from khabar.events.train_types import train

    target = output or Path(str(resources.files("khabar.events").joinpath("data")))
    try:
        figures = train(eval_root or default_eval_root(), target)
    except KhabarError as exc:
        fail(str(exc))
    _print_figures(figures)
