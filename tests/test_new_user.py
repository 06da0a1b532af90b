"""What a new user trips over (issue 16): configuration typos, the pre-commit hook, the CLI
conventions users expect from ruff and markdownlint, the summary's counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
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


# -- the first directory demo ------------------------------------------------------------------
def test_linting_samples_checks_only_the_articles() -> None:
    """The samples' description (it lists the planted phrases) is not walked as an article."""
    from qualitycheck.api import Checker
    from qualitycheck.config import Settings

    walked = [Path(p) for p, _ in Checker(Settings(root=ROOT)).iter_paths([str(ROOT / "samples")])]
    assert len(walked) >= 16
    assert {p.parent.name for p in walked} == {"garbled", "clean"}, [
        str(p) for p in walked if p.parent.name not in ("garbled", "clean")
    ]
    assert (ROOT / "docs" / "samples.md").is_file()


# -- unreadable files, empty directories -------------------------------------------------------
def test_an_unreadable_file_is_one_line_on_stderr_and_the_counts_add_up(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    alone = run("lint", "--isolated", "blob.txt", cwd=tmp_path)
    assert alone.returncode == 2
    assert alone.stderr.splitlines() == [
        "qualitycheck: error: blob.txt: not a text file (binary data)"
    ]
    assert "blob.txt" not in alone.stdout  # said once, on stderr
    assert alone.stdout.splitlines()[-1] == (
        "Found 0 findings in 0 files; 1 file could not be checked."
    )
    (tmp_path / "g.txt").write_text(GARBLED, encoding="utf-8")
    both = run("lint", "--isolated", "blob.txt", "g.txt", cwd=tmp_path)
    assert both.returncode == 2  # the other file is still checked
    assert "g.txt:1:" in both.stdout
    assert both.stdout.splitlines()[-1].endswith("in 1 file; 1 file could not be checked.")


def test_a_directory_without_text_files_warns(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "image.png").write_bytes(b"\x89PNG")
    proc = run("lint", "--isolated", "empty", cwd=tmp_path)
    assert proc.returncode == 0
    (line,) = proc.stderr.splitlines()
    assert line.startswith("qualitycheck: warning: no files to check in empty (looked for *.txt")
    files = run("lint", "--isolated", "-f", "json", "empty", cwd=tmp_path)
    assert "no files to check" in files.stderr and files.returncode == 0


# -- the baseline ------------------------------------------------------------------------------
def test_the_summary_says_how_many_findings_the_baseline_hid(tmp_path: Path) -> None:
    (tmp_path / "g.txt").write_text(GARBLED, encoding="utf-8")
    first = run("lint", "--isolated", "g.txt", cwd=tmp_path)
    record = run("lint", "--isolated", "g.txt", "--write-baseline", "base.json", cwd=tmp_path)
    assert record.returncode == 0
    hidden = run("lint", "--isolated", "g.txt", "--baseline", "base.json", cwd=tmp_path)
    assert hidden.returncode == 0
    n = first.stdout.count("g.txt:")  # one line per finding, plus the quality line
    assert hidden.stdout.splitlines()[-1] == (
        f"Found 0 findings in 1 file; {n - 1} findings hidden by the baseline."
    )
    # the score describes the text: the hidden findings still count
    quality = [line for line in first.stdout.splitlines() if "quality" in line]
    assert quality and quality[0] in hidden.stdout and "100.0/100" not in hidden.stdout


# -- standard input and --fix ------------------------------------------------------------------
def test_fix_on_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    for flag in ("--fix", "--diff"):
        proc = run("lint", "--isolated", "-", flag, cwd=tmp_path, stdin=GARBLED)
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        (line,) = proc.stderr.splitlines()
        assert "standard input" in line


# -- help --------------------------------------------------------------------------------------
def test_lint_help_shows_the_config_table_commas_and_exit_codes(tmp_path: Path) -> None:
    text = run("lint", "--help", cwd=tmp_path, env={"COLUMNS": "300"}).stdout
    flat = " ".join(text.split())
    assert "pyproject.toml with a [tool.qualitycheck] table" in flat
    assert "(repeatable, or comma-separated)" in flat.split("--ignore", 1)[1][:200]
    assert "Exit codes: 0 no finding at or above the fail level" in flat
    assert "1 findings at or above it; 2 usage, configuration or input errors" in flat


# -- conventions from ruff and markdownlint ----------------------------------------------------
@pytest.fixture
def two_files(tmp_path: Path) -> Path:
    (tmp_path / "g.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "c.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_quiet_prints_the_findings_only(two_files: Path) -> None:
    full = run("lint", "--isolated", "g.txt", "c.txt", cwd=two_files)
    for flag in ("-q", "--quiet"):
        quiet = run("lint", "--isolated", flag, "g.txt", "c.txt", cwd=two_files)
        assert quiet.returncode == full.returncode == 1
        findings = [line for line in full.stdout.splitlines() if line.startswith("g.txt:")]
        assert quiet.stdout.splitlines() == [line for line in findings if ": quality" not in line]


def test_statistics_counts_findings_per_rule(two_files: Path) -> None:
    proc = run("lint", "--isolated", "--statistics", "g.txt", "c.txt", cwd=two_files)
    assert proc.returncode == 1
    rows = [line.split() for line in proc.stdout.splitlines()[:-1]]
    assert sorted((r[2], int(r[0]), r[1]) for r in rows) == [
        ("junk.email-placeholder", 1, "error"),
        ("structure.repeated-word", 1, "error"),
    ]
    assert proc.stdout.splitlines()[-1] == "Found 2 findings (2 errors) in 2 files."
    bad = run("lint", "--isolated", "--statistics", "-f", "json", "g.txt", cwd=two_files)
    assert bad.returncode == 2 and "--statistics" in bad.stderr


@pytest.mark.parametrize(
    ("flag", "env", "colour"),
    [
        ("auto", {}, False),  # a pipe
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),
        ("always", {}, True),
        ("always", {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        ("never", {"FORCE_COLOR": "1", "NO_COLOR": ""}, False),
    ],
)
def test_color_auto_always_never(
    two_files: Path, flag: str, env: dict[str, str], colour: bool
) -> None:
    proc = run("lint", "--isolated", "--color", flag, "g.txt", cwd=two_files, env=env)
    assert proc.returncode == 1
    assert ("\x1b[" in proc.stdout) is colour


def test_show_settings_names_the_file_and_the_effective_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.qualitycheck]\nfail-on = "error"\nignore = ["junk"]\n'
        f'[tool.qualitycheck.rules."{CAPITAL}"]\nwords = ["Prefer"]\n',
        encoding="utf-8",
    )
    proc = run("lint", "--show-settings", "--select", "case,junk", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"# configuration file: {tmp_path / 'pyproject.toml'}"
    assert 'fail-on = "error"' in lines and 'ignore = ["junk"]' in lines
    assert 'select = ["case", "junk"]' in lines  # the command line overrides the file
    assert f'[rules."{CAPITAL}"]' in lines and 'words = ["Prefer"]' in lines
    case_rules = sorted(rid for rid in all_rules() if rid.startswith("case."))
    assert lines[-1] == f"# enabled rules ({len(case_rules)}): {', '.join(case_rules)}"
    isolated = run("lint", "--show-settings", "--isolated", cwd=tmp_path)
    assert isolated.stdout.startswith("# configuration file: none (--isolated)")


def test_shell_completion(tmp_path: Path) -> None:
    for shell in ("bash", "zsh", "fish"):
        script = run("completion", shell, cwd=tmp_path)
        assert script.returncode == 0 and "_QUALITYCHECK_COMPLETE" in script.stdout, shell
    env = {"_QUALITYCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "qualitycheck lint --fai",
           "COMP_CWORD": "2"}  # fmt: skip
    assert run(cwd=tmp_path, env=env).stdout.split() == ["--fail-on"]
    env = {**env, "COMP_WORDS": "qualitycheck ex", "COMP_CWORD": "1"}
    assert run(cwd=tmp_path, env=env).stdout.split() == ["explain"]


# -- explain and rules -------------------------------------------------------------------------
PACK = """id = "house.banned-words"
type = "existence"
severity = "warning"
message = "'{match}' is not house style"
tokens = ["synergy"]
explanation = "Words the house style guide bans."
"""


def test_explain_and_rules_see_pack_rules(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(PACK, encoding="utf-8")
    listed = run("rules", "--isolated", "--pack", "house.toml", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "house.banned-words" in listed.stdout
    shown = run("explain", "--isolated", "--pack", "house.toml", "house.banned-words", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("house.banned-words  [warning]")


def test_explain_a_category_lists_its_rules(tmp_path: Path) -> None:
    proc = run("explain", "--isolated", "junk", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    junk = sorted(r for r in all_rules() if r.startswith("junk."))
    assert proc.stdout.splitlines()[0] == f"junk: {len(junk)} rules"
    assert [line.split()[0] for line in proc.stdout.splitlines()[2 : 2 + len(junk)]] == junk
    typo = run("explain", "--isolated", "junc", cwd=tmp_path)
    assert typo.returncode == 2 and "did you mean junk" in typo.stderr


def test_explain_prints_code_in_single_backticks(tmp_path: Path) -> None:
    proc = run("explain", "--isolated", CAPITAL, cwd=tmp_path)
    assert "``" not in proc.stdout and "`words`" in proc.stdout


def test_an_unknown_rule_in_a_suppression_comment_gets_a_notice(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "<!-- qualitycheck: disable-next-line structure.repeated-wrd -->\n"
        "The the minister spoke.\n\n<!-- qualitycheck: disable junk, case.nosuch -->\n",
        encoding="utf-8",
    )
    proc = run("lint", "--isolated", "a.md", cwd=tmp_path)
    assert proc.returncode == 1  # the misspelt id suppressed nothing
    assert proc.stderr.splitlines() == [
        "qualitycheck: a.md: ignored unknown rule 'structure.repeated-wrd' in a qualitycheck "
        "directive at line 1 (did you mean 'structure.repeated-word'?)",
        "qualitycheck: a.md: ignored unknown rule 'case.nosuch' in a qualitycheck directive at "
        "line 4",
    ]
