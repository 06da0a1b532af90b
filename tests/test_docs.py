"""Documentation generated from code stays in step with it; every rule explains itself."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from qualitycheck.registry import all_rules

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")


def test_rules_md_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_documents_the_four_sections(rule_id: str) -> None:
    doc = all_rules()[rule_id].explain()
    for section in SECTIONS:
        assert section in doc, f"{rule_id}: no '{section}' section"


def test_readme_lists_every_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule_id in all_rules():
        assert f"`{rule_id}`" in readme, rule_id
