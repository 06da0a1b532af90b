"""What every rule promises, checked for all of them at once: its documented *Example* produces
its finding and its *Use instead* produces none, and every rule module is registered (a module
missing from the entry points would silently never run)."""

from __future__ import annotations

import ast
import inspect
import re
import tomllib
from importlib.metadata import entry_points

import pytest
from conftest import ROOT

from qualitycheck.document import Document
from qualitycheck.glossary import Glossary, parse_tsv
from qualitycheck.registry import ENTRY_POINT_GROUP, all_rules
from qualitycheck.rule import Rule
from qualitycheck.testing import run_rule

RULES_DIR = ROOT / "qualitycheck" / "rules"
SECTIONS = ("What it does", "Why it matters", "Example", "Examples", "Use instead")
# An example that needs a glossary says so on its first line, as the rule's docs show it.
_GLOSSARY_LINE_RE = re.compile(r"^With the glossary line ``(?P<line>[^`]+)``:\n")


def sections(doc: str) -> dict[str, str]:
    """The sections of a rule's documentation (unindented heading, indented body), dedented."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in inspect.cleandoc(doc).splitlines():
        if line and not line[0].isspace() and line.strip().rstrip(":") in SECTIONS:
            current = found.setdefault(line.strip().rstrip(":"), [])
        elif current is not None:
            current.append(line[4:] if line.startswith("    ") else line.strip())
    return {name: "\n".join(lines).strip() for name, lines in found.items()}


def example_and_fix(rule: Rule) -> tuple[str, str, Glossary | None]:
    parts = sections(rule.doc)
    example = parts.get("Example") or parts.get("Examples") or ""
    fix = parts.get("Use instead", "")
    glossary = None
    m = _GLOSSARY_LINE_RE.match(example)
    if m:
        glossary = parse_tsv(m.group("line").replace("<TAB>", "\t") + "\n")
        example = example[m.end() :]
    return example, fix, glossary


RULES = sorted(all_rules().values(), key=lambda r: r.id)


def test_every_rule_has_an_example_and_a_use_instead() -> None:
    missing = [r.id for r in RULES if not all(example_and_fix(r)[:2])]
    assert missing == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_example_produces_the_rules_finding(rule: Rule) -> None:
    example, _, glossary = example_and_fix(rule)
    assert run_rule(rule, Document.from_text(example), glossary=glossary), example


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_use_instead_text_produces_none(rule: Rule) -> None:
    _, fix, glossary = example_and_fix(rule)
    doc = Document.from_text(fix)
    assert [doc.text[m.start : m.end] for m in run_rule(rule, doc, glossary=glossary)] == []


def test_the_section_reader_finds_the_indented_bodies() -> None:
    doc = "Summary.\n\nExample\n    one\n    two\n\nUse instead\n    three\n"
    assert sections(doc) == {"Example": "one\ntwo", "Use instead": "three"}


# -- registration ---------------------------------------------------------------------------------
def _modules_defining_a_rule() -> set[str]:
    """The modules under qualitycheck/rules/ that assign ``RULE`` at the top level."""
    found = set()
    for path in RULES_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if any(isinstance(t, ast.Name) and t.id == "RULE" for t in targets):
                rel = path.relative_to(ROOT).with_suffix("")
                found.add(".".join(rel.parts))
    return found


def _registered_modules(values: list[str]) -> set[str]:
    return {value.partition(":")[0].strip() for value in values}


def test_every_rule_module_is_registered_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = project["project"]["entry-points"][ENTRY_POINT_GROUP]
    unregistered = _modules_defining_a_rule() - _registered_modules(list(declared.values()))
    assert unregistered == set(), "add these to [project.entry-points.'qualitycheck.rules']"


def test_every_rule_module_is_registered_in_the_installed_package() -> None:
    """The installed metadata is what the registry reads: after adding an entry point, reinstall
    (``pip install -e . --no-deps``)."""
    installed = [ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)]
    unregistered = _modules_defining_a_rule() - _registered_modules(installed)
    assert unregistered == set(), "reinstall the package: pip install -e . --no-deps"


def test_the_module_scan_finds_the_rule_modules() -> None:
    found = _modules_defining_a_rule()
    assert "qualitycheck.rules.punctuation.stray_mark" in found
    assert not any(m.endswith("__init__") for m in found)
