"""The architecture, checked on the source: layers that only point down, no import circle, the store
as the only door to the database, thin registered stages and linkers.

Every module under ``src/khabar`` is parsed with :mod:`ast` (nothing is imported). Every import
counts, wherever it is written: at module level, inside a function (a deferred import is still a
dependency, and the usual way a circle hides), and inside ``if TYPE_CHECKING:``. A
TYPE_CHECKING-only import is held to the same rules as a runtime one: it may point only to the
same or a lower layer, and it takes part in the circle checks, because an annotation that names
an upper layer's class is a dependency on that layer all the same (the fix is a Protocol below).
``importlib.import_module("khabar.…")`` with a literal name counts as an import too.

Each check is a function of the source root returning violation messages, so
:func:`test_the_checks_catch_planted_violations` can run them on a doctored copy of the tree.
"""

from __future__ import annotations

import ast
import itertools
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "khabar"

#: Top-level package (or module) of ``khabar`` -> layer. An import may point to the same or a
#: lower layer only. ``__init__`` is the package root ``khabar`` itself (``__version__`` only).
LAYERS: dict[str, int] = {
    "__init__": 0,
    "text": 0,
    "document": 1,
    "errors": 1,
    "config": 1,
    "registry": 1,
    "dates": 1,
    "optional": 1,
    "budget": 1,
    "cache": 1,
    "kb": 2,
    "models": 3,
    **dict.fromkeys(
        ("clean", "langid", "entities", "sources", "timex", "events", "dedup", "stories", "ingest"), 4
    ),
    "fetch": 4,
    "alerts": 4,
    "bridge": 4,
    "happenings": 4,
    "store": 5,
    "stages": 6,
    "linkers": 6,
    "pipeline": 7,
    "linking": 7,
    "jobs": 8,
    "monitor": 8,
    "executors": 8,
    "views": 9,
    **dict.fromkeys(("cli", "api", "eval", "__main__"), 10),
}
#: Modules whose layer is not their package's. ``store.base`` is the storage contract: the Store
#: protocol and the rows it returns, importing only ``document``. Domain packages (the clusterer,
#: duplicate matching) and the registry are written against it; the SQLite backend in the rest of
#: ``store/`` implements it. The protocol sits below, its implementations above.
MODULE_LAYERS: dict[str, int] = {"khabar.store.base": 1}
#: The highest layer the store (persistence only) may import from outside ``store/``: what it
#: stores is the domain's to compute (events, stories, kb, api, dedup, views are all above).
STORE_IMPORTS_UP_TO = 1
#: Database calls allowed only under ``khabar/store/``.
SQL_CALLS = ("execute", "executemany", "executescript")
SQL_WORDS = ("json_set",)
#: The layer of the domain packages (one per concept).
DOMAIN_LAYER = 4
#: Longest stage or linker module (lines): each is a thin adapter over its domain package.
MAX_ADAPTER_LINES = 80


@dataclass(frozen=True)
class Import:
    """One import statement's edge: ``source`` imports ``target`` (both dotted module names)."""

    source: str
    target: str
    line: int
    code: str  # the statement as written
    where: str  # "module level", "in def f", "TYPE_CHECKING"

    def describe(self) -> str:
        """``khabar.a imports khabar.b (line 3, in def f: from khabar.b import x)``."""
        return f"{self.source} imports {self.target} (line {self.line}, {self.where}: {self.code})"


def module_name(path: Path, root: Path) -> str:
    """``root/kb/loader.py`` -> ``khabar.kb.loader``; ``root/kb/__init__.py`` -> ``khabar.kb``."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("khabar", *parts))


def top_level(module: str) -> str:
    """The layer key of a module: ``khabar.kb.loader`` -> ``kb``; the root ``khabar`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules(root: Path) -> dict[str, Path]:
    """Dotted name -> file of every module under ``root`` (the ``khabar`` package folder)."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


@cache
def _parse(source: str) -> ast.Module:
    # Every check reads the same files, and the planted-violation test reads them twice more.
    return ast.parse(source)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportFinder(ast.NodeVisitor):
    """Every import of one module, with where it is written."""

    def __init__(self, module: str, is_package: bool, known: set[str], source: str) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.source = source
        self.where = ["module level"]
        self.found: list[Import] = []

    def _add(self, node: ast.stmt | ast.expr, target: str) -> None:
        if target == "khabar" or target.startswith("khabar."):
            code = (ast.get_source_segment(self.source, node) or "").split("\n")[0]
            self.found.append(Import(self.module, target, node.lineno, code, self.where[-1]))

    def _scoped(self, node: ast.AST, where: str) -> None:
        self.where.append(where)
        self.generic_visit(node)
        self.where.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node, f"in def {node.name}")

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node, f"in def {node.name}")

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self.where.append("TYPE_CHECKING")
            for child in node.body:
                self.visit(child)
            self.where.pop()
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            parent = ".".join([*base, *([node.module] if node.module else [])])
        else:
            parent = node.module or ""
        # "from khabar.kb import loader" imports the module khabar.kb.loader; "from khabar.kb
        # import load_kb" imports khabar.kb (once, however many names it takes from there).
        submodules = (f"{parent}.{alias.name}" for alias in node.names)
        for target in dict.fromkeys(m if m in self.known else parent for m in submodules):
            self._add(node, target)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        first = node.args[0] if node.args else None
        if name == "import_module" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            self._add(node, first.value)
        self.generic_visit(node)


@cache
def _imports_of(name: str, is_package: bool, known: frozenset[str], source: str) -> tuple[Import, ...]:
    finder = _ImportFinder(name, is_package, set(known), source)
    finder.visit(_parse(source))
    return tuple(i for i in finder.found if i.target != name)


def imports(root: Path) -> list[Import]:
    """Every import of a ``khabar`` module by a module under ``root``."""
    found = modules(root)
    known = frozenset(found)
    out: list[Import] = []
    for name, path in found.items():
        source = path.read_text(encoding="utf-8")
        out.extend(_imports_of(name, path.name == "__init__.py", known, source))
    return out


def _groups(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return groups


def _shortest_cycle(start: str, members: set[str], edges: dict[str, dict[str, Import]]) -> list[str]:
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, {})):
            if nxt == start:
                return [*paths[node], start]
            if nxt in members and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"{start} is in a strongly connected group but on no cycle")


def _cycles(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The shortest import circle through each node that is on one, each circle once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for group in _groups(edges):
        for node in group:
            cycle = _shortest_cycle(node, set(group), edges)
            ring = cycle[:-1]
            first = ring.index(min(ring))
            key = tuple(ring[first:] + ring[:first])
            if key not in seen:
                seen.add(key)
                out.append([*key, key[0]])
    return out


def _describe_cycle(kind: str, cycle: list[str], edges: dict[str, dict[str, Import]]) -> str:
    steps = "; ".join(edges[a][b].describe() for a, b in itertools.pairwise(cycle))
    return f"import circle between {kind}: {' -> '.join(cycle)}; {steps}"


def check_no_circles(root: Path) -> list[str]:
    """(a) No import circle between modules, and none between top-level packages."""
    found = imports(root)
    by_module: dict[str, dict[str, Import]] = defaultdict(dict)
    by_package: dict[str, dict[str, Import]] = defaultdict(dict)
    for imp in found:
        by_module[imp.source].setdefault(imp.target, imp)
        src, dst = top_level(imp.source), top_level(imp.target)
        if src != dst:
            by_package[src].setdefault(dst, imp)
    return [_describe_cycle("modules", c, by_module) for c in _cycles(by_module)] + [
        _describe_cycle("packages", c, by_package) for c in _cycles(by_package)
    ]


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name: its own (:data:`MODULE_LAYERS`), else its package's."""
    return MODULE_LAYERS.get(module, LAYERS.get(top_level(module)))


def check_layers(root: Path) -> list[str]:
    """(b) Every module has a layer, and every import points to the same or a lower one."""
    problems = [
        f"{name} is in no layer: add {top_level(name)!r} to LAYERS in tests/test_architecture.py "
        "(and to the layer list of the architecture issue)"
        for name in modules(root)
        if top_level(name) not in LAYERS
    ]
    for imp in imports(root):
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if dst is None:
            problems.append(f"{imp.describe()}: {top_level(imp.target)!r} is in no layer; place it in LAYERS")
        elif src is not None and dst > src:
            problems.append(
                f"{imp.describe()}: upward import from {imp.source} (layer {src})"
                f" to {imp.target} (layer {dst})"
            )
    return problems


def check_store_imports(root: Path) -> list[str]:
    """(c) The store is persistence only: outside ``store/`` it imports only the bottom layers
    (text tools, the document types, errors, config, dates), never what it persists for."""
    return [
        f"{imp.describe()}: the store must not import {top_level(imp.target)}"
        f" (persistence only: layers 0-{STORE_IMPORTS_UP_TO} and store/ itself)"
        for imp in imports(root)
        if top_level(imp.source) == "store"
        and top_level(imp.target) != "store"
        and (layer_of(imp.target) or 0) > STORE_IMPORTS_UP_TO
    ]


def check_sql_in_store_only(root: Path) -> list[str]:
    """(d) No ``execute``/``executemany``/``executescript`` call and no ``json_set`` outside ``store/``."""
    problems: list[tuple[str, int, str]] = []
    for name, path in modules(root).items():
        if top_level(name) == "store":
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(_parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in SQL_CALLS:
                    code = (ast.get_source_segment(source, node) or "").split("\n")[0]
                    problems.append((name, node.lineno, f"runs SQL outside khabar.store: {code}"))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                problems.extend(
                    (name, node.lineno, f"writes {word} outside khabar.store")
                    for word in SQL_WORDS
                    if word in node.value.lower()
                )
    return [f"{name} (line {line}) {what}" for name, line, what in sorted(problems)]


def _registers(tree: ast.Module, decorator: str) -> bool:
    """True when the module calls ``decorator(...)`` from khabar.registry (as a decorator or not)."""
    imported = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "khabar.registry"
        and any(a.name == decorator for a in node.names)
        for node in ast.walk(tree)
    )
    called = any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == decorator
        and node.args
        and isinstance(node.args[0], ast.Constant)
        for node in ast.walk(tree)
    )
    return imported and called


def check_adapters(root: Path) -> list[str]:
    """(e) Every ``stages/`` module registers a stage, every ``linkers/`` module a linker, each in at
    most 80 lines and over at most one domain package."""
    problems = []
    domain_imports: dict[str, set[str]] = defaultdict(set)
    for imp in imports(root):
        if layer_of(imp.target) == DOMAIN_LAYER:
            domain_imports[imp.source].add(top_level(imp.target))
    for name, path in modules(root).items():
        parts = name.split(".")
        if len(parts) != 3 or parts[1] not in ("stages", "linkers"):
            continue  # the package __init__ only imports its modules
        source = path.read_text(encoding="utf-8")
        kind = "stage" if parts[1] == "stages" else "linker"
        if not _registers(_parse(source), kind):
            problems.append(f"{name} registers no {kind}: call khabar.registry.{kind}('name') in it")
        lines = len(source.splitlines())
        if lines > MAX_ADAPTER_LINES:
            problems.append(
                f"{name} has {lines} lines (at most {MAX_ADAPTER_LINES}):"
                " move the logic to its domain package"
            )
        if len(domain_imports[name]) > 1:
            problems.append(
                f"{name} imports several domain packages ({', '.join(sorted(domain_imports[name]))}):"
                f" an adapter hands off to one; compose them in that package"
            )
    return problems


def _report(problems: Iterable[str]) -> str:
    return "\n".join(["", *problems])


def test_no_import_circle_between_modules_or_packages() -> None:
    problems = check_no_circles(SRC)
    assert not problems, _report(problems)


def test_every_import_points_to_the_same_or_a_lower_layer() -> None:
    problems = check_layers(SRC)
    assert not problems, _report(problems)


def test_the_store_does_not_import_what_it_persists() -> None:
    problems = check_store_imports(SRC)
    assert not problems, _report(problems)


def test_no_sql_outside_the_store() -> None:
    problems = check_sql_in_store_only(SRC)
    assert not problems, _report(problems)


def test_stages_and_linkers_are_thin_registered_adapters() -> None:
    problems = check_adapters(SRC)
    assert not problems, _report(problems)


# --- the checks themselves ------------------------------------------------------------------------

PLANTED = {
    # an upward import hidden in a function, and a circle through it: text -> jobs -> ... -> text
    "text/_planted_up.py": "def f() -> None:\n    from khabar.jobs import ingest  # noqa\n",
    # a TYPE_CHECKING-only upward import, and a module in no layer
    "text/_planted_types.py": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from khabar.cli import main\n"
    ),
    "_planted_nowhere.py": '"""In no layer."""\n',
    # a module circle inside one package, through a relative import
    "kb/_planted_a.py": "from . import _planted_b\n",
    "kb/_planted_b.py": "from khabar.kb import _planted_a\n",
    # a store module importing events, and one running SQL outside the store
    "store/_planted_events.py": "import khabar.events.merge\n",
    "store/_planted_clean.py": "from khabar.clean import page\n",
    "events/_planted_sql.py": "def f(conn):\n    conn.execute(\"UPDATE t SET d = json_set(d, '$.x', 1)\")\n",
    # a stage that registers nothing and a linker module that registers nothing
    "stages/_planted_stage.py": "from khabar.registry import stage\n" + "\n" * 90,
    "linkers/_planted_linker.py": "from khabar.events.merge import link_events\n",
    # a stage handing off to two domain packages
    "stages/_planted_two.py": (
        "from khabar.clean.page import clean_document\nfrom khabar.registry import stage\n"
        "from khabar.timex.annotate import resolve_document_times\nstage('two')(clean_document)\n"
    ),
}


def test_the_checks_catch_planted_violations(tmp_path: Path) -> None:
    root = tmp_path / "khabar"
    shutil.copytree(SRC, root, ignore=shutil.ignore_patterns("__pycache__", "data", "web"))
    checks = (check_no_circles, check_layers, check_store_imports, check_sql_in_store_only, check_adapters)
    before = {check.__name__: set(check(root)) for check in checks}
    for rel, code in PLANTED.items():
        (root / rel).write_text(code, encoding="utf-8")
    new = {check.__name__: set(check(root)) - before[check.__name__] for check in checks}

    def one(check: str, *words: str) -> None:
        hits = [p for p in new[check] if all(w in p for w in words)]
        assert hits, (check, words, sorted(new[check]))

    one("check_layers", "khabar.text._planted_up imports khabar.jobs", "in def f", "layer 0", "layer 8")
    one("check_layers", "khabar._planted_nowhere is in no layer", "add '_planted_nowhere' to LAYERS")
    one("check_layers", "khabar.text._planted_types imports khabar.cli.main", "TYPE_CHECKING", "layer 10")
    one(
        "check_no_circles",
        "modules",
        "khabar.kb._planted_a",
        "khabar.kb._planted_b",
        "from . import _planted_b",
    )
    one("check_no_circles", "packages", "text", "jobs", "khabar.text._planted_up imports khabar.jobs")
    one(
        "check_store_imports",
        "khabar.store._planted_events imports khabar.events.merge",
        "must not import events",
    )
    one("check_store_imports", "khabar.store._planted_clean imports khabar.clean", "must not import clean")
    one("check_sql_in_store_only", "khabar.events._planted_sql (line 2) runs SQL", "conn.execute(")
    one("check_sql_in_store_only", "khabar.events._planted_sql (line 2) writes json_set")
    one("check_adapters", "khabar.stages._planted_stage registers no stage")
    one("check_adapters", "khabar.stages._planted_stage has 91 lines")
    one("check_adapters", "khabar.linkers._planted_linker registers no linker")
    one("check_adapters", "khabar.stages._planted_two imports several domain packages (clean, timex)")
    unrelated = [p for problems in new.values() for p in problems if "_planted" not in p]
    assert not unrelated, unrelated
