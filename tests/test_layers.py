"""The layering of docs/ARCHITECTURE.md, read from the imports: a module imports only modules of
its own layer or of the layers below, units import each other in one direction only, rules read
data only through ``resources``, and only the scanning layer reads ``re``'s private parser.

Every import counts: at the top of a module, inside a function, and under ``TYPE_CHECKING``
(a type a module names is a dependency too)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "qualitycheck"

# Lowest first; a unit is a module of the package or a subpackage (its modules together).
LAYERS: list[set[str]] = [
    {"finding", "segment", "resources", "glossary", "ngram", "tagger"},
    {"config", "document", "rule"},
    {"loaders", "suppress", "backend"},
    {"scan"},
    {"heuristics", "names"},
    {"rules", "packs", "languagetool", "languagetool_install", "scores"},
    {"registry", "result"},
    {"engine"},
    {"scoring"},
    {"api", "testing"},
    {"reporters"},
    {"tasks", "parallel", "corpus", "fix", "evaluation", "integrations"},
    {"cli", "lsp", "__main__", "__init__"},
]
# A new module of the package must be placed here (and in the chart of docs/ARCHITECTURE.md).
LAYER_OF = {unit: k for k, units in enumerate(LAYERS) for unit in units}
PRIVATE_RE_MODULES = {"re._parser", "re._constants", "re._compiler", "sre_parse", "sre_constants"}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every absolute import in the file, the names of ``from X import a``
    included as ``X.a`` when ``X.a`` is a module of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _edges() -> Iterator[tuple[str, int, str]]:
    """(importing module, line, imported module of the package)."""
    for module, path in MODULES.items():
        for line, name in _imports(path):
            # "from qualitycheck import heuristics" imports heuristics, not the package's API
            if name in MODULES and name not in (module, "qualitycheck"):
                yield module, line, name


def test_every_unit_has_a_layer() -> None:
    assert {_unit(m) for m in MODULES} - set(LAYER_OF) == set()


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [
        f"{module}:{line} imports {name}"
        for module, line, name in _edges()
        if LAYER_OF[_unit(name)] > LAYER_OF[_unit(module)]
    ]
    assert wrong == []


def test_units_import_each_other_in_one_direction() -> None:
    graph: dict[str, set[str]] = {}
    for module, _, name in _edges():
        a, b = _unit(module), _unit(name)
        if a != b:
            graph.setdefault(a, set()).add(b)
    cycles = sorted(f"{a} <-> {b}" for a in graph for b in graph[a] if a in graph.get(b, ()))
    assert cycles == []


def test_the_check_finds_a_violation() -> None:
    """The reading of imports works: a made-up lower module importing the engine is caught."""
    source = "def f():\n    from qualitycheck.engine import Engine\n"
    tree = ast.parse(source)
    found = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert found == ["qualitycheck.engine"]
    assert LAYER_OF[_unit("qualitycheck.engine")] > LAYER_OF[_unit("qualitycheck.rule")]


@pytest.mark.parametrize(
    "module", [m for m in MODULES if m.startswith("qualitycheck.rules.")], ids=str
)
def test_rules_read_data_only_through_resources(module: str) -> None:
    """No rule module opens a file or parses TOML/YAML/JSON itself: data comes through
    ``qualitycheck.resources`` (or a pack)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {name for _, name in _imports(path)}
    assert imported & {"tomllib", "yaml", "json", "csv", "pathlib", "io"} == set(), module
    calls = {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
    }
    assert calls & {"open", "read_text", "read_bytes"} == set(), module


def test_only_the_scanning_layer_reads_the_private_regex_parser() -> None:
    readers = sorted(
        module
        for module, path in MODULES.items()
        if {name for _, name in _imports(path)} & PRIVATE_RE_MODULES
    )
    assert readers and all(m.startswith("qualitycheck.scan.") for m in readers), readers
