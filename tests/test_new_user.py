"""What a new user trips over (issue 16): configuration typos, the pre-commit hook, the CLI
conventions users expect from ruff and markdownlint, the summary's counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import CLEAN, GARBLED, run

from qualitycheck.registry import all_rules
from qualitycheck.rule import Context, Option, Rule, define

CAPITAL = "case.capital-mid-sentence"


def config_error(tmp_path: Path, toml: str) -> str:
    """Lint a clean file under this pyproject.toml: the one stderr line, after checking exit 2."""
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    proc = run("lint", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    assert str(tmp_path / "pyproject.toml") in lines[0]
    return lines[0]


# -- rule options are validated against what each rule declares ------------------------------
def test_an_unknown_option_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    line = config_error(tmp_path, f'[tool.qualitycheck.rules."{CAPITAL}"]\nword = ["Bundesliga"]\n')
    assert f'[tool.qualitycheck.rules."{CAPITAL}"]' in line
    assert "unknown option 'word'" in line and "did you mean 'words'?" in line


def test_an_option_of_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    line = config_error(tmp_path, f'[tool.qualitycheck.rules."{CAPITAL}"]\nwords = "Bundesliga"\n')
    assert "'words' must be a list of strings, not a string" in line


def test_options_for_an_unknown_rule_are_an_error(tmp_path: Path) -> None:
    line = config_error(tmp_path, '[tool.qualitycheck.rules."case.nosuch"]\nwords = []\n')
    assert "no rule has the id 'case.nosuch'" in line
    near = config_error(tmp_path, '[tool.qualitycheck.rules."case.capital-mid-sentense"]\n')
    assert f"did you mean '{CAPITAL}'?" in near


def test_an_option_for_a_rule_without_options_is_an_error(tmp_path: Path) -> None:
    line = config_error(tmp_path, '[tool.qualitycheck.rules."structure.repeated-word"]\nx = 1\n')
    assert "unknown option 'x' (this rule takes no options)" in line


def test_near_misses_elsewhere_in_the_configuration_get_a_suggestion(tmp_path: Path) -> None:
    assert "did you mean 'select'?" in config_error(tmp_path, "[tool.qualitycheck]\nselct = []\n")
    line = config_error(tmp_path, '[tool.qualitycheck]\nignore = ["structure.repeated-wrd"]\n')
    assert "did you mean 'structure.repeated-word'?" in line


def test_a_valid_option_still_works(tmp_path: Path) -> None:
    text = "Staff said they Prefer the new system.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    before = run("lint", "a.txt", "--select", CAPITAL, cwd=tmp_path)
    assert CAPITAL in before.stdout, before.stdout + before.stderr
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.qualitycheck.rules."{CAPITAL}"]\nwords = ["Prefer"]\n', encoding="utf-8"
    )
    after = run("lint", "a.txt", "--select", CAPITAL, cwd=tmp_path)
    assert after.returncode == 0 and CAPITAL not in after.stdout, after.stdout + after.stderr


def test_explain_lists_the_options_validation_reads() -> None:
    with_options = [r for r in all_rules().values() if r.options]
    assert [r.id for r in with_options] == [CAPITAL]
    for rule in with_options:
        for option in rule.options:
            assert option.describe() in rule.explain()
    proc = run("explain", CAPITAL, cwd=Path.cwd())
    assert "words (list of strings, default []):" in proc.stdout


def test_define_without_options_still_works() -> None:
    """Rules written against the old signature keep working: options are optional."""

    def check(doc: object, ctx: Context) -> list[object]:
        return []

    rule = define("test.plain", "info", check, "A rule.\n")
    assert isinstance(rule, Rule) and rule.options == ()
    typed = define(
        "test.typed", "info", check, "A rule.\n", [Option("n", "integer", 3, "how many")]
    )
    assert typed.option("n") is not None and typed.option("n").problem(2.5) is not None  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        Option("n", "int", 3, "not a known type")


def test_garbled_sample_still_fails(tmp_path: Path) -> None:
    (tmp_path / "g.txt").write_text(GARBLED, encoding="utf-8")
    assert run("lint", "g.txt", cwd=tmp_path).returncode == 1
