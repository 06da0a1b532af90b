"""Configuration: discovery, validation, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualitycheck.config import ConfigError, Settings, find_config_file, load_settings


def test_finds_pyproject_with_tool_table_walking_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.qualitycheck]\nfail-on = "error"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no table: skipped
    monkeypatch.chdir(sub)
    assert find_config_file() == tmp_path / "pyproject.toml"
    assert load_settings().fail_on == "error"


def test_dot_qualitycheck_toml_wins_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.qualitycheck]\nfail-on = "error"\n')
    (tmp_path / ".qualitycheck.toml").write_text('fail-on = "info"\nignore = ["case"]\n')
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert (settings.fail_on, settings.ignore) == ("info", ("case",))


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / ".qualitycheck.toml"
    cfg.write_text('glossary = "terms.tsv"\npacks = ["house-rules"]\n')
    s = load_settings(cfg)
    assert s.glossary == tmp_path / "terms.tsv"
    assert s.packs == (tmp_path / "house-rules",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('fail-on = "sometimes"', "'fail-on' must be one of"),
        ('colour = "red"', "unknown key 'colour'"),
        ("select = 3", "'select' must be a list of strings"),
        ('severity = { "case" = "loud" }', "severity for 'case' must be"),
        ("min-confidence = 2", "'min-confidence' must be between 0 and 1"),
        ('languagetool = "maybe"', "'languagetool' must be off, auto or an http(s) URL"),
        ('encoding = "klingon-8"', "unknown encoding"),
        ("fail-on = ", "invalid TOML"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    cfg = tmp_path / ".qualitycheck.toml"
    cfg.write_text(body + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    assert str(cfg) in str(info.value)
    assert message in str(info.value)


def test_command_line_overrides_are_validated() -> None:
    s = Settings().with_overrides(fail_on="error", select=None)
    assert s.fail_on == "error" and s.select == ("ALL",)
    with pytest.raises(ConfigError, match="command line"):
        Settings().with_overrides(fail_on="loud")


def test_exclude_globs_match_path_components() -> None:
    s = Settings(exclude=("drafts", "*.min.html"))
    assert s.is_excluded("drafts/a.txt")
    assert s.is_excluded("site/x.min.html")
    assert s.is_excluded(".git/config")  # always excluded
    assert not s.is_excluded("articles/drafting.txt")
